//! Passwords (argon2id), tokens (random, stored as SHA-256) and the caller.

use super::clock::now;
use super::db::Db;
use super::error::ServiceError;
use super::store::sessions::{self, NewSession};
use super::store::{admins, households};
use crate::model::auth::{IssuedToken, Role};
use crate::model::ids::{AdminId, HouseholdId};
use crate::model::time::Timestamp;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A signed-in operator and the roots of the area subtrees they manage.
#[derive(Debug, Clone)]
pub struct AdminCaller {
    pub id: AdminId,
    pub username: String,
    /// Materialised paths (`/1/4/`) of the managed areas.
    pub roots: Vec<String>,
}

/// Who is calling a service.
#[derive(Debug, Clone)]
pub enum Caller {
    Admin(AdminCaller),
    Household {
        id: HouseholdId,
        name: String,
        /// Its password is a first one (chosen by the platform, an operator or
        /// an old client): the server answers nothing but the password change.
        must_change_password: bool,
    },
}

impl AdminCaller {
    /// Whether one of the operator's areas is a top-level one (`/1/`): what
    /// is shared by every area (unmatched payments, device models) is theirs.
    pub fn manages_a_top_level_area(&self) -> bool {
        self.roots.iter().any(|root| root.matches('/').count() == 2)
    }
}

impl Caller {
    /// How ledger entries and valve records name the caller.
    pub fn actor(&self) -> String {
        match self {
            Caller::Admin(a) => format!("admin:{}", a.username),
            Caller::Household { name, .. } => format!("household:{name}"),
        }
    }

    pub fn admin(&self) -> Result<&AdminCaller, ServiceError> {
        match self {
            Caller::Admin(a) => Ok(a),
            Caller::Household { .. } => Err(ServiceError::Forbidden("operators only".into())),
        }
    }
}

/// How many argon2 hashes run at once (each takes 19 MiB and tens of
/// milliseconds on purpose), and how many may wait for a turn: a flood of
/// sign-ins queues briefly, then is told to come back, instead of taking all
/// CPU and memory.
const HASHING_AT_ONCE: usize = 2;
const HASHING_QUEUE: usize = 32;

static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(HASHING_AT_ONCE);
/// Places in the line for a slot, for sign-ins (held by dropped requests too
/// until they are dropped: a permit, not a counter, so none leaks).
static SIGN_IN_LINE: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(HASHING_AT_ONCE + HASHING_QUEUE);

/// Who may wait for a hashing slot: a sign-in is told to come back when the
/// line is full (a flood); anything else (a new household's password, a
/// password change) waits its turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Waiting {
    SignIn,
    Turn,
}

/// Runs `work` (one argon2 computation) when a hashing slot is free. The slot
/// moves into the blocking task, so a request dropped meanwhile cannot let a
/// third hash run beside the two.
async fn with_hashing_slot<T: Send + 'static>(
    waiting: Waiting,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ServiceError> {
    let _place = match waiting {
        Waiting::SignIn => {
            Some(SIGN_IN_LINE.try_acquire().map_err(|_| ServiceError::Throttled { retry_after_seconds: 1 })?)
        }
        Waiting::Turn => None,
    };
    let slot = HASHING.acquire().await.map_err(|_| ServiceError::Internal("hashing slots closed".into()))?;
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        work()
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("hashing task failed: {e}")))
}

/// Hashes a password with argon2id and a random salt (off the async runtime,
/// in a hashing slot).
pub async fn hash_password(password: String) -> Result<String, ServiceError> {
    with_hashing_slot(Waiting::Turn, move || {
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| ServiceError::Internal(format!("password hashing failed: {e}")))
    })
    .await?
}

/// Checks a password against a stored hash; a malformed hash never matches.
/// `Err` only when the line for a hashing slot is full (the server is flooded).
pub async fn verify_password(password: String, hash: String) -> Result<bool, ServiceError> {
    with_hashing_slot(Waiting::SignIn, move || {
        PasswordHash::new(&hash)
            .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
}

/// A hash of nothing in particular, verified when a username does not exist so
/// that a wrong username takes as long as a wrong password.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Vd0mBMsv6Q3rgFM8E3K+3Mz8xk0v2lJeYJkBfTVvXgk";

/// 256 random bits as 64 hex digits.
pub fn random_token() -> String {
    let mut bytes = [0_u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// A random version-4 UUID, for ids other systems require in that form
/// (MTN MoMo's reference ids, ChirpStack's downlink queue items).
pub fn random_uuid() -> String {
    let mut bytes = [0_u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    // Version 4, variant 10xx.
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let s = hex::encode(bytes);
    format!("{}-{}-{}-{}-{}", &s[0..8], &s[8..12], &s[12..16], &s[16..20], &s[20..32])
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Whether a session is a browser cookie or a legacy client's apiToken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Browser,
    Api,
}

impl TokenKind {
    pub fn code(self) -> &'static str {
        match self {
            TokenKind::Browser => "browser",
            TokenKind::Api => "api",
        }
    }
}

pub fn role_code(role: Role) -> &'static str {
    match role {
        Role::Admin => "admin",
        Role::Household => "household",
    }
}

/// How long a token lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifetime {
    /// Until this many seconds after issue, used or not (cookies, named
    /// client tokens an operator gave an expiry).
    Fixed(i64),
    /// Until this many seconds after its last use: a client signed in with
    /// `toLogin` is never cut off in the middle of its work.
    Idle(i64),
}

/// Issues a token for a principal; only its hash is stored.
pub async fn issue_token(
    db: &Db,
    role: Role,
    principal: i64,
    kind: TokenKind,
    label: &str,
    lifetime: Lifetime,
) -> Result<IssuedToken, ServiceError> {
    let token = random_token();
    let created = now();
    let (seconds, renew_seconds) = match lifetime {
        Lifetime::Fixed(seconds) => (seconds, None),
        Lifetime::Idle(seconds) => (seconds, Some(seconds)),
    };
    let expires_at = Timestamp(created.0 + seconds);
    let hash = token_hash(&token);
    let row =
        NewSession { token_hash: &hash, role, principal, kind, label, created_at: created, expires_at, renew_seconds };
    sessions::create(db, row).await?;
    Ok(IssuedToken { token, expires_at })
}

/// Ends a session or revokes an apiToken. Unknown tokens are ignored.
pub async fn revoke_token(db: &Db, token: &str) -> Result<(), ServiceError> {
    sessions::revoke_by_hash(db, &token_hash(token), now()).await?;
    db.caches.tokens.clear();
    Ok(())
}

/// The caller a token belongs to, if it is valid, unexpired, unrevoked and of
/// `kind`: a browser cookie is not an apiToken and an apiToken is not a cookie.
pub async fn resolve_token(db: &Db, token: &str, kind: TokenKind) -> Result<Caller, ServiceError> {
    let token = token.trim();
    if token.is_empty() {
        return Err(ServiceError::Unauthenticated);
    }
    let cache_key = format!("{}:{}", kind.code(), token_hash(token));
    // A kept caller carries its token's expiry: a token ends on the second,
    // not up to a cache lifetime later.
    // Past the kept expiry, the database decides: a token that lives while
    // used may have been renewed meanwhile (by another replica).
    if let Some((caller, expires_at)) = db.caches.tokens.get(&cache_key)
        && now().0 < expires_at
    {
        return Ok(caller);
    }
    // Kept only if nothing was written meanwhile: a revocation or password
    // change committed during the lookup must not be outlived by its result.
    let generation = db.generation();
    let (caller, expires_at) = resolve_uncached(db, token, kind).await?;
    if db.generation() == generation {
        db.caches.tokens.put(cache_key, (caller.clone(), expires_at));
    }
    Ok(caller)
}

/// Ends every session and apiToken of an account (after its password
/// changed) but the one `keep` names, if any: whoever held the old password
/// holds nothing now.
pub async fn end_sessions(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    role: Role,
    principal: i64,
    keep: Option<&str>,
) -> Result<(), ServiceError> {
    sessions::revoke_all_of(tx, role, principal, &keep.map(token_hash).unwrap_or_default(), now()).await
}

async fn resolve_uncached(db: &Db, token: &str, kind: TokenKind) -> Result<(Caller, i64), ServiceError> {
    let at = now();
    let session = sessions::live(db, &token_hash(token), kind, at).await?.ok_or(ServiceError::Unauthenticated)?;
    // "Last used" is for operators deciding which tokens to revoke; minute
    // precision is plenty and spares a write on every request.
    // A token that lives while used is renewed at the same time.
    let mut expires_at = session.expires_at;
    if session.last_used_at.is_none_or(|t| at.0 - t.0 >= 60) {
        sessions::touch(db, session.id, at).await?;
        if let Some(renew) = session.renew_seconds {
            expires_at = expires_at.max(Timestamp(at.0 + renew));
        }
    }
    let caller = match session.role {
        Role::Admin => Caller::Admin(load_admin(db, AdminId(session.principal)).await?),
        Role::Household => {
            let id = HouseholdId(session.principal);
            let (name, must_change_password) =
                households::caller_facts(db, id).await?.ok_or(ServiceError::Unauthenticated)?;
            Caller::Household { id, name, must_change_password }
        }
    };
    Ok((caller, expires_at.0))
}

/// An operator with the paths of the areas they manage.
pub async fn load_admin(db: &Db, id: AdminId) -> Result<AdminCaller, ServiceError> {
    let username = admins::get(db, id).await?.ok_or(ServiceError::Unauthenticated)?.username;
    let roots = admins::roots(db, id).await?;
    Ok(AdminCaller { id, username, roots })
}

/// Checks an operator's username and password.
pub async fn authenticate_admin(db: &Db, username: &str, password: &str) -> Result<AdminId, ServiceError> {
    let Some((id, hash)) = admins::credentials(db, username.trim()).await? else {
        verify_password(password.to_owned(), DUMMY_HASH.to_owned()).await?;
        return Err(ServiceError::BadCredentials);
    };
    if verify_password(password.to_owned(), hash).await? { Ok(id) } else { Err(ServiceError::BadCredentials) }
}

/// Checks a household's number, phone or name and password, verifying one
/// hash: the number names one household; a phone or name shared by several
/// is refused with a hint to use the number (never tried one by one, which
/// cost a hash each).
pub async fn authenticate_household(db: &Db, login: &str, password: &str) -> Result<HouseholdId, ServiceError> {
    let login = login.trim().to_owned();
    if login.is_empty() {
        return Err(ServiceError::invalid("username", "is required"));
    }
    let found = households::sign_in_candidates(db, &login).await?;
    let by_number = found.iter().find(|(_, _, by_number)| *by_number);
    let (id, hash, _) = match (by_number, found.as_slice()) {
        (Some(one), _) | (None, [one]) => one.clone(),
        (None, []) => {
            verify_password(password.to_owned(), DUMMY_HASH.to_owned()).await?;
            return Err(ServiceError::BadCredentials);
        }
        (None, _) => {
            return Err(ServiceError::invalid(
                "username",
                "several households share this name or phone: sign in with your household number",
            ));
        }
    };
    if verify_password(password.to_owned(), hash).await? { Ok(id) } else { Err(ServiceError::BadCredentials) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn random_uuids_are_version_4() {
        let id = super::random_uuid();
        assert_eq!(id.len(), 36);
        assert_eq!(id.matches('-').count(), 4);
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "{id}");
        assert_ne!(super::random_uuid(), id);
    }

    use super::*;

    #[tokio::test]
    async fn password_hashes_verify_and_differ() {
        let a = hash_password("s3cret".into()).await.unwrap();
        let b = hash_password("s3cret".into()).await.unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "salts differ");
        assert!(verify_password("s3cret".into(), a.clone()).await.unwrap());
        assert!(!verify_password("wrong".into(), a).await.unwrap());
        assert!(!verify_password("x".into(), "not a hash".into()).await.unwrap());
    }

    #[test]
    fn tokens_are_256_bits_and_hashed() {
        let t = random_token();
        assert_eq!(t.len(), 64);
        assert_ne!(t, random_token());
        assert_eq!(token_hash(&t).len(), 64);
        assert_ne!(token_hash(&t), t);
    }
}
