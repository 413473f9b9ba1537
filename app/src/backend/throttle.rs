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

/// The keys a sign-in attempt counts against: the account as typed (at
/// most 100 characters of it) and the source address (an IPv6 address by its
/// /64, which one subscriber usually holds whole).
pub fn keys(role: &str, login: &str, from: Option<ClientAddr>) -> Vec<(String, Policy)> {
    let login: String = login.trim().to_lowercase().chars().take(100).collect();
    let mut keys = vec![(format!("{role}:{login}"), ACCOUNT)];
    match from {
        Some(ClientAddr(std::net::IpAddr::V4(ip))) => keys.push((format!("ip:{ip}"), ADDRESS)),
        Some(ClientAddr(std::net::IpAddr::V6(ip))) => match ip.to_ipv4_mapped() {
            Some(v4) => keys.push((format!("ip:{v4}"), ADDRESS)),
            None => {
                let s = ip.segments();
                keys.push((format!("ip:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3]), ADDRESS));
            }
        },
        None => {}
    }
    keys
}

/// SQL for the wait after the `n`-th failure (`n` an SQL expression), as a
/// ladder of the policy's steps: both databases lack a common power function.
fn wait_sql(policy: Policy, n: &str) -> String {
    let mut sql = format!("CASE WHEN {n} < {} THEN 0", policy.free_failures);
    let mut failures = policy.free_failures;
    while policy.wait_after(failures) < policy.max_wait_seconds {
        sql.push_str(&format!(" WHEN {n} = {failures} THEN {}", policy.wait_after(failures)));
        failures += 1;
    }
    sql.push_str(&format!(" ELSE {} END", policy.max_wait_seconds));
    sql
}

/// Counts an attempt against every key before its password is checked, in
/// one statement per key that also refuses while the key waits: parallel
/// attempts line up on the key's row, so no more than the free failures
/// ever reach a hash. A right password gives the count back (`succeeded`).
pub async fn attempt(db: &Db, keys: &[(String, Policy)]) -> Result<(), ServiceError> {
    let at = now().0;
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM sign_in_failures WHERE updated_at < $1 AND blocked_until < $2")
        .bind(at - MEMORY_SECONDS)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    for (key, policy) in keys {
        let n = "(CASE WHEN sign_in_failures.updated_at < $3 THEN 1 ELSE sign_in_failures.failures + 1 END)";
        let counted: Option<i64> = sqlx::query_scalar(&format!(
            "INSERT INTO sign_in_failures (key, failures, blocked_until, updated_at) VALUES ($1, 1, $4, $2)
             ON CONFLICT (key) DO UPDATE SET failures = {n}, blocked_until = $2 + {wait}, updated_at = $2
             WHERE sign_in_failures.blocked_until <= $2
             RETURNING failures",
            wait = wait_sql(*policy, n)
        ))
        .bind(key.clone())
        .bind(at)
        .bind(at - MEMORY_SECONDS)
        .bind(at + policy.wait_after(1))
        .fetch_optional(&mut *tx)
        .await?;
        if counted.is_none() {
            let until: i64 = sqlx::query_scalar("SELECT blocked_until FROM sign_in_failures WHERE key = $1")
                .bind(key.clone())
                .fetch_one(&mut *tx)
                .await?;
            tx.rollback().await?;
            return Err(ServiceError::Throttled { retry_after_seconds: (until - at).max(1) });
        }
    }
    db.commit(tx).await?;
    Ok(())
}

/// A right password: the account's count is cleared, and the address gets
/// this attempt back (one success must not reset an attacker's tally over
/// other accounts, and a carrier's NAT signs many households in).
pub async fn succeeded(db: &Db, keys: &[(String, Policy)]) -> Result<(), ServiceError> {
    let mut tx = db.begin().await?;
    for (i, (key, _)) in keys.iter().enumerate() {
        let sql = if i == 0 {
            "DELETE FROM sign_in_failures WHERE key = $1"
        } else {
            "UPDATE sign_in_failures SET failures = failures - 1 WHERE key = $1 AND failures > 0"
        };
        sqlx::query(sql).bind(key.clone()).execute(&mut *tx).await?;
    }
    db.commit(tx).await?;
    Ok(())
}

/// Runs a sign-in check under the throttle: refused at once while blocked,
/// counted before the password is checked, given back when it is right.
pub async fn guarded<T, F, Fut>(db: &Db, keys: Vec<(String, Policy)>, check: F) -> Result<T, ServiceError>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<T, ServiceError>>,
{
    attempt(db, &keys).await?;
    let value = check().await?;
    succeeded(db, &keys).await?;
    Ok(value)
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
        let v6 = keys("admin", "a", Some(ClientAddr("2001:db8:1:2:3:4:5:6".parse().unwrap())));
        assert_eq!(v6[1].0, "ip:2001:db8:1:2::/64");
        assert_eq!(keys("admin", &"x".repeat(500), None)[0].0.len(), "admin:".len() + 100);
    }

    #[test]
    fn the_wait_ladder_matches_the_policy() {
        let sql = wait_sql(ACCOUNT, "n");
        assert!(sql.starts_with("CASE WHEN n < 5 THEN 0 WHEN n = 5 THEN 2 WHEN n = 6 THEN 4"), "{sql}");
        assert!(sql.contains("WHEN n = 13 THEN 512") && sql.ends_with("ELSE 900 END"), "{sql}");
    }
}
