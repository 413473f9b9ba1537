//! Sign-in throttling: failed attempts counted per account and per source
//! address, in the database so that every replica counts alike. After a few
//! free failures each one doubles the wait (capped); a blocked key is refused
//! before any password hash is computed, so a flood costs no CPU.

use super::clock::now;
use super::db::Db;
use super::error::ServiceError;

/// Where a request came from (set by the server from the TCP peer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub std::net::IpAddr);

/// How many failures a key gets before it waits, and how the wait grows.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    pub free_failures: i64,
    pub first_wait_seconds: i64,
    pub max_wait_seconds: i64,
}

/// One account: five tries, then 2 s, 4 s, 8 s, ... up to 15 minutes.
pub const ACCOUNT: Policy = Policy { free_failures: 5, first_wait_seconds: 2, max_wait_seconds: 900 };
/// One address: more room (a carrier's NAT puts many households behind one
/// address), the same doubling.
pub const ADDRESS: Policy = Policy { free_failures: 20, first_wait_seconds: 2, max_wait_seconds: 900 };

/// Failures older than this are forgotten.
const MEMORY_SECONDS: i64 = 3600;

impl Policy {
    /// The wait after the `failures`-th failure.
    pub fn wait_after(self, failures: i64) -> i64 {
        let over = failures - self.free_failures;
        if over < 0 {
            return 0;
        }
        let doubled = self.first_wait_seconds.saturating_mul(1_i64 << over.min(30));
        doubled.min(self.max_wait_seconds)
    }
}

/// The keys a sign-in attempt counts against.
pub fn keys(role: &str, login: &str, from: Option<ClientAddr>) -> Vec<(String, Policy)> {
    let mut keys = vec![(format!("{role}:{}", login.trim().to_lowercase()), ACCOUNT)];
    if let Some(ClientAddr(ip)) = from {
        keys.push((format!("ip:{ip}"), ADDRESS));
    }
    keys
}

/// Refuses while any key is blocked, saying how long to wait.
pub async fn check(db: &Db, keys: &[(String, Policy)]) -> Result<(), ServiceError> {
    let at = now().0;
    let mut wait = 0;
    for (key, _) in keys {
        let until: Option<i64> = sqlx::query_scalar("SELECT blocked_until FROM sign_in_failures WHERE key = $1")
            .bind(key.clone())
            .fetch_optional(&db.pool)
            .await?;
        wait = wait.max(until.unwrap_or(0) - at);
    }
    if wait > 0 { Err(ServiceError::Throttled { retry_after_seconds: wait }) } else { Ok(()) }
}

/// Counts a failure against every key.
pub async fn failed(db: &Db, keys: &[(String, Policy)]) -> Result<(), ServiceError> {
    let at = now().0;
    let mut tx = db.begin().await?;
    for (key, policy) in keys {
        let failures: i64 = sqlx::query_scalar(
            "INSERT INTO sign_in_failures (key, failures, blocked_until, updated_at) VALUES ($1, 1, 0, $2)
             ON CONFLICT (key) DO UPDATE SET
                 failures = CASE WHEN sign_in_failures.updated_at < $3 THEN 1 ELSE sign_in_failures.failures + 1 END,
                 updated_at = $2
             RETURNING failures",
        )
        .bind(key.clone())
        .bind(at)
        .bind(at - MEMORY_SECONDS)
        .fetch_one(&mut *tx)
        .await?;
        let wait = policy.wait_after(failures);
        if wait > 0 {
            sqlx::query("UPDATE sign_in_failures SET blocked_until = $1 WHERE key = $2")
                .bind(at + wait)
                .bind(key.clone())
                .execute(&mut *tx)
                .await?;
        }
    }
    db.commit(tx).await?;
    Ok(())
}

/// A right password clears its account's count (not the address's: one
/// success must not reset an attacker's tally across other accounts).
pub async fn succeeded(db: &Db, keys: &[(String, Policy)]) -> Result<(), ServiceError> {
    if let Some((account, _)) = keys.first() {
        let mut tx = db.begin().await?;
        sqlx::query("DELETE FROM sign_in_failures WHERE key = $1").bind(account.clone()).execute(&mut *tx).await?;
        db.commit(tx).await?;
    }
    Ok(())
}

/// Runs a sign-in check under the throttle: refused at once while blocked,
/// counted when the credentials are wrong, cleared when right.
pub async fn guarded<T, F, Fut>(db: &Db, keys: Vec<(String, Policy)>, attempt: F) -> Result<T, ServiceError>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<T, ServiceError>>,
{
    check(db, &keys).await?;
    match attempt().await {
        Ok(value) => {
            succeeded(db, &keys).await?;
            Ok(value)
        }
        Err(ServiceError::BadCredentials) => {
            failed(db, &keys).await?;
            Err(ServiceError::BadCredentials)
        }
        Err(other) => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_after_the_free_failures_and_stop_growing() {
        assert_eq!(ACCOUNT.wait_after(4), 0);
        assert_eq!(ACCOUNT.wait_after(5), 2);
        assert_eq!(ACCOUNT.wait_after(6), 4);
        assert_eq!(ACCOUNT.wait_after(9), 32);
        assert_eq!(ACCOUNT.wait_after(50), 900);
        assert_eq!(ACCOUNT.wait_after(i64::MAX), 900);
        assert_eq!(ADDRESS.wait_after(19), 0);
    }

    #[test]
    fn keys_name_the_account_and_the_address() {
        let from = Some(ClientAddr("10.1.2.3".parse().unwrap()));
        let k = keys("admin", " Admin ", from);
        assert_eq!(k.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["admin:admin", "ip:10.1.2.3"]);
        assert_eq!(keys("household", "x", None).len(), 1);
    }
}
