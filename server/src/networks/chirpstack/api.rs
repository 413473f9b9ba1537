//! ChirpStack's gRPC API as Meterline's device registry: devices registered
//! through the legacy door (`lorawanApi addMeter`) or the portal are created
//! in ChirpStack with their keys, and `archivesChange` disables, enables and
//! deletes them there (README: `METERLINE_CHIRPSTACK_API*`).

use crate::config::Secret;
use app::backend::device_registry::{Activation, DeviceRegistry, NewDevice, RegistryError};
use app::model::ids::DevEui;
use app::model::network::Network;
use chirpstack_api::api;
use chirpstack_api::api::device_service_client::DeviceServiceClient;
use std::time::Duration;
use tonic::metadata::{Ascii, MetadataValue};
use tonic::service::interceptor::InterceptedService;
use tonic::transport::{Channel, ClientTlsConfig, Endpoint};
use tonic::{Code, Request, Status};

/// Where ChirpStack's API is, and where new devices go. `Debug` shows no key.
#[derive(Debug, Clone)]
pub struct ApiConfig {
    /// `http://host:8080` (or `https://`).
    pub url: String,
    /// An API key made in ChirpStack (tenant or admin).
    pub key: Secret,
    /// The application new devices are created in, unless the caller names
    /// one of ChirpStack's.
    pub application: Option<String>,
    /// The applications whose events Meterline takes (empty: all): a device
    /// created elsewhere would never be heard.
    pub followed: Vec<String>,
    pub profiles: Profiles,
}

/// The device profiles new devices get: by activation (`abp`, `otaa`), and
/// optionally by activation and region (`abp/cn470`), which wins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profiles(Vec<(String, String)>);

impl Profiles {
    /// Reads `abp=<id>,otaa=<id>[,otaa/cn470=<id>]`, or one id for both.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(Self::default());
        }
        if is_uuid(raw) {
            return Ok(Self(vec![("abp".into(), raw.into()), ("otaa".into(), raw.into())]));
        }
        let mut out = Vec::new();
        for item in raw.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let Some((key, id)) = item.split_once('=') else {
                return Err(format!("{item:?} is not <activation>=<device profile id>"));
            };
            let key = key.trim().to_ascii_lowercase();
            let activation = key.split('/').next().unwrap_or_default();
            if activation != "abp" && activation != "otaa" {
                return Err(format!("{key:?} must be abp or otaa, optionally with /<region>"));
            }
            if !is_uuid(id.trim()) {
                return Err(format!("{:?} is not a device profile id (a UUID)", id.trim()));
            }
            out.push((key, id.trim().to_owned()));
        }
        Ok(Self(out))
    }

    fn pick(&self, activation: &str, region: &str) -> Option<&str> {
        let exact = format!("{activation}/{region}");
        let find = |k: &str| self.0.iter().find(|(key, _)| key == k).map(|(_, id)| id.as_str());
        find(&exact).or_else(|| find(activation))
    }
}

/// ChirpStack's ids are UUIDs in their hyphenated form.
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter()
            .enumerate()
            .all(|(i, c)| if [8, 13, 18, 23].contains(&i) { *c == b'-' } else { c.is_ascii_hexdigit() })
}

/// Puts the API key on every call.
#[derive(Clone)]
struct Bearer(MetadataValue<Ascii>);

impl tonic::service::Interceptor for Bearer {
    fn call(&mut self, mut request: Request<()>) -> Result<Request<()>, Status> {
        request.metadata_mut().insert("authorization", self.0.clone());
        Ok(request)
    }
}

type Client = DeviceServiceClient<InterceptedService<Channel, Bearer>>;

/// The registry. Connects when first used, and again after a failure.
pub struct ChirpStackApi {
    client: Client,
    url: String,
    application: Option<String>,
    followed: Vec<String>,
    profiles: Profiles,
}

impl std::fmt::Debug for ChirpStackApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChirpStackApi").field("url", &self.url).field("application", &self.application).finish()
    }
}

impl ChirpStackApi {
    /// Builds the client; it connects when first used (inside a Tokio runtime).
    pub fn new(config: &ApiConfig) -> Result<Self, String> {
        let endpoint = Endpoint::from_shared(config.url.trim().to_owned())
            .map_err(|_| format!("{:?} is not a URL (http://host:8080)", config.url))?
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10));
        let endpoint = if config.url.trim().starts_with("https://") {
            endpoint
                .tls_config(ClientTlsConfig::new().with_webpki_roots())
                .map_err(|e| format!("cannot set up TLS: {e}"))?
        } else {
            endpoint
        };
        let mut token: MetadataValue<Ascii> = format!("Bearer {}", config.key.expose().trim())
            .parse()
            .map_err(|_| "the API key holds characters a header cannot carry".to_owned())?;
        token.set_sensitive(true);
        let client = DeviceServiceClient::with_interceptor(endpoint.connect_lazy(), Bearer(token));
        Ok(Self {
            client,
            url: config.url.trim().to_owned(),
            application: config.application.clone(),
            followed: config.followed.clone(),
            profiles: config.profiles.clone(),
        })
    }
}

/// What ChirpStack's answer means to the registry's caller.
fn refusal(status: Status) -> RegistryError {
    let said = status.message().to_owned();
    match status.code() {
        Code::AlreadyExists => RegistryError::Exists,
        Code::NotFound => RegistryError::NotFound,
        Code::InvalidArgument | Code::FailedPrecondition | Code::OutOfRange => RegistryError::Refused(said),
        // Our configuration, not the caller's request.
        Code::Unauthenticated | Code::PermissionDenied => {
            tracing::error!(said = %said, "ChirpStack refuses Meterline's API key: check METERLINE_CHIRPSTACK_API_KEY");
            RegistryError::Unavailable(format!("ChirpStack refused Meterline's API key ({said})"))
        }
        Code::Unavailable | Code::DeadlineExceeded | Code::Cancelled | Code::ResourceExhausted => {
            RegistryError::Unavailable(if said.is_empty() { "no answer".into() } else { said })
        }
        _ => RegistryError::Unavailable(format!("{:?}: {said}", status.code())),
    }
}

impl ChirpStackApi {
    /// Deletes a device whose creation did not end well; answers the error
    /// to report: `why` when ChirpStack holds no such device now, else that
    /// it may hold one.
    async fn undo_create(&self, dev_eui: &str, why: String) -> RegistryError {
        let mut client = self.client.clone();
        match client.delete(api::DeleteDeviceRequest { dev_eui: dev_eui.to_owned() }).await.map_err(refusal) {
            Ok(_) | Err(RegistryError::NotFound) => RegistryError::Unavailable(why),
            Err(e) => {
                tracing::warn!(%dev_eui, error = %e, "ChirpStack may hold a device Meterline could not finish creating");
                RegistryError::Unavailable(format!(
                    "{why}; ChirpStack may hold device {dev_eui} now: delete it there before trying again"
                ))
            }
        }
    }
}

#[async_trait::async_trait]
impl DeviceRegistry for ChirpStackApi {
    fn network(&self) -> Network {
        Network::ChirpStack
    }

    async fn create(&self, device: &NewDevice<'_>) -> Result<String, RegistryError> {
        let kind = device.activation.kind();
        let profile = self.profiles.pick(kind, device.region).ok_or_else(|| {
            RegistryError::Refused(format!(
                "Meterline has no device profile for {kind} devices in {}: set METERLINE_CHIRPSTACK_DEVICE_PROFILES",
                device.region
            ))
        })?;
        // The vendor's clients send their own application numbers ("3"):
        // only one of ChirpStack's ids names an application there.
        let application = device
            .application
            .filter(|a| is_uuid(a))
            .or(self.application.as_deref())
            .ok_or_else(|| {
                RegistryError::Refused(
                    "no application to create the device in: send ChirpStack's application id as appID, or set METERLINE_CHIRPSTACK_APPLICATION".into(),
                )
            })?
            .to_owned();
        if !self.followed.is_empty() && !self.followed.contains(&application) {
            return Err(RegistryError::Refused(format!(
                "application {application} is not one Meterline follows (METERLINE_CHIRPSTACK_APPLICATIONS): its devices would never be heard"
            )));
        }
        let dev_eui = device.dev_eui.to_string();
        let join_eui = match device.activation {
            Activation::Otaa { join_eui, .. } => join_eui.to_owned(),
            Activation::Abp { .. } => String::new(),
        };
        let mut client = self.client.clone();
        let new = api::Device {
            dev_eui: dev_eui.clone(),
            name: device.name.to_owned(),
            description: "registered through Meterline".into(),
            application_id: application.clone(),
            device_profile_id: profile.to_owned(),
            join_eui,
            ..Default::default()
        };
        match client.create(api::CreateDeviceRequest { device: Some(new) }).await.map_err(refusal) {
            Ok(_) => {}
            Err(RegistryError::NotFound) => {
                return Err(RegistryError::Refused(format!(
                    "ChirpStack has no application {application} or no device profile {profile}"
                )));
            }
            // No answer: ChirpStack may have created it all the same.
            Err(RegistryError::Unavailable(why)) => return Err(self.undo_create(&dev_eui, why).await),
            Err(other) => return Err(other),
        }
        let given = match device.activation {
            Activation::Abp { dev_addr, app_s_key, nwk_s_key } => {
                // LoRaWAN 1.0.x has one network session key: ChirpStack
                // takes it as all three of 1.1's.
                let nwk = nwk_s_key.to_hex();
                let activation = api::DeviceActivation {
                    dev_eui: dev_eui.clone(),
                    dev_addr: String::from(dev_addr),
                    app_s_key: app_s_key.to_hex(),
                    nwk_s_enc_key: nwk.clone(),
                    s_nwk_s_int_key: nwk.clone(),
                    f_nwk_s_int_key: nwk,
                    f_cnt_up: 0,
                    n_f_cnt_down: 0,
                    a_f_cnt_down: 0,
                };
                client.activate(api::ActivateDeviceRequest { device_activation: Some(activation) }).await.map(|_| ())
            }
            Activation::Otaa { app_key, .. } => {
                // A 1.0.x device's AppKey is ChirpStack's `nwk_key`.
                let keys = api::DeviceKeys {
                    dev_eui: dev_eui.clone(),
                    nwk_key: app_key.to_hex(),
                    app_key: String::new(),
                    gen_app_key: String::new(),
                };
                client.create_keys(api::CreateDeviceKeysRequest { device_keys: Some(keys) }).await.map(|_| ())
            }
        };
        if let Err(status) = given {
            // A device without keys or a session would never report.
            let err = refusal(status);
            return Err(match self.undo_create(&dev_eui, err.to_string()).await {
                // The device may be left: that is what the caller must know.
                RegistryError::Unavailable(why) if why.contains("may hold") => RegistryError::Unavailable(why),
                _ => err,
            });
        }
        Ok(application)
    }

    async fn set_disabled(&self, dev_eui: &DevEui, disabled: bool) -> Result<(), RegistryError> {
        let mut client = self.client.clone();
        let found = client.get(api::GetDeviceRequest { dev_eui: dev_eui.to_string() }).await.map_err(refusal)?;
        let Some(mut device) = found.into_inner().device else { return Err(RegistryError::NotFound) };
        if device.is_disabled == disabled {
            return Ok(());
        }
        // Update replaces the whole record: everything else as it was.
        device.is_disabled = disabled;
        client.update(api::UpdateDeviceRequest { device: Some(device) }).await.map_err(refusal)?;
        Ok(())
    }

    async fn delete(&self, dev_eui: &DevEui) -> Result<(), RegistryError> {
        let mut client = self.client.clone();
        client.delete(api::DeleteDeviceRequest { dev_eui: dev_eui.to_string() }).await.map_err(refusal)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "4f4ac8d6-b0e0-42a5-bc48-655b9b850695";
    const B: &str = "6350f05f-6bae-45ee-85ce-54f5a565df68";

    #[test]
    fn profiles_by_activation_and_region() {
        let p = Profiles::parse(&format!("abp={A}, otaa={B},otaa/cn470={A}")).unwrap();
        assert_eq!(p.pick("abp", "eu868"), Some(A));
        assert_eq!(p.pick("otaa", "eu868"), Some(B));
        assert_eq!(p.pick("otaa", "cn470"), Some(A));
        let one = Profiles::parse(A).unwrap();
        assert_eq!((one.pick("abp", "us915"), one.pick("otaa", "as923")), (Some(A), Some(A)));
        assert_eq!(Profiles::parse("").unwrap().pick("abp", "eu868"), None);
    }

    #[test]
    fn profiles_name_what_is_wrong() {
        assert!(Profiles::parse("abp").unwrap_err().contains("<activation>=<device profile id>"));
        assert!(Profiles::parse(&format!("class-a={A}")).unwrap_err().contains("abp or otaa"));
        assert!(Profiles::parse("otaa=3").unwrap_err().contains("not a device profile id"));
    }

    #[test]
    fn uuids_in_their_hyphenated_form() {
        assert!(is_uuid(A));
        assert!(!is_uuid("3") && !is_uuid(&A.replace('-', "")) && !is_uuid(&A.replace('4', "g")));
    }
}
