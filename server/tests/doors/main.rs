//! Integration tests through the real doors (legacy endpoint, server
//! functions, operations routes), each against SQLite and PostgreSQL.

#[macro_use]
mod harness;
mod alert_notices;
mod alerts;
mod chirpstack_api_standin;
mod friendly_credit;
mod ingest_batch;
mod legacy_clients;
mod legacy_envelope;
mod legacy_households;
mod legacy_login;
mod legacy_meters;
mod legacy_prices;
mod legacy_records;
mod lifecycle_rules;
mod local_time;
mod meter_import;
mod meter_lists;
mod money;
mod mpesa_standin;
mod networks_cellular;
mod networks_chirpstack;
mod networks_chirpstack_api;
mod networks_tts;
mod ops;
mod payments_flutterwave;
mod payments_momo;
mod payments_mpesa;
mod portal_languages;
mod portal_ops;
mod portal_without_script;
mod properties;
mod radio;
mod radio_and_usage;
mod replicas;
mod schema;
mod server_fns;
mod slow_clients;
mod trust_areas;
mod trust_sessions;
mod trust_sign_in;
