//! An address that may carry a credential in its path or query (a webhook
//! such as `https://hooks.example.com/services/T0/B0/<token>`): its `Debug`
//! shows the scheme and host only, so a printed setting leaks no token.

#[derive(Clone, PartialEq, Eq)]
pub struct SecretUrl(String);

impl SecretUrl {
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    /// The whole address, for the one place that sends to it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `scheme://host[:port]`, what is safe to show (no path, query or
    /// `user:password@`).
    pub fn origin(&self) -> String {
        let (scheme, rest) = self.0.split_once("://").unwrap_or(("", &self.0));
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
        if scheme.is_empty() { host.to_owned() } else { format!("{scheme}://{host}") }
    }
}

impl std::fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretUrl({}/***)", self.origin())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_the_host_and_no_token() {
        let hook = SecretUrl::new("https://hooks.example.com/services/T0/B0/tok3n?key=k3y");
        assert_eq!(format!("{hook:?}"), "SecretUrl(https://hooks.example.com/***)");
        assert_eq!(hook.expose(), "https://hooks.example.com/services/T0/B0/tok3n?key=k3y");
        let with_user = SecretUrl::new("http://user:pa55@10.0.0.7:8080/hook");
        assert_eq!(format!("{with_user:?}"), "SecretUrl(http://10.0.0.7:8080/***)");
        assert!(!format!("{with_user:?}").contains("pa55"));
    }
}
