//! Lists of addresses and networks: which sources may speak to the gateway
//! door (the Semtech UDP protocol authenticates nothing: a datagram naming a
//! registered gateway's EUI is taken as that gateway's, docs/security.md; where
//! the gateways' addresses are known, an allow-list closes the door to everyone
//! else), and which proxies in front of the HTTP doors are believed when they
//! say whom they forward (`X-Forwarded-For`).

use std::net::IpAddr;

/// Addresses and networks (`10.8.0.0/16`, `2001:db8::/32`, `192.0.2.7`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowList(Vec<(IpAddr, u8)>);

impl AllowList {
    /// Parses a comma-separated list; empty means everyone.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut nets = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (addr, bits) = match part.split_once('/') {
                Some((a, b)) => (a, Some(b)),
                None => (part, None),
            };
            let addr: IpAddr = addr.parse().map_err(|_| format!("{part:?} is not an address or network"))?;
            let max = if addr.is_ipv4() { 32 } else { 128 };
            let bits = match bits {
                None => max,
                Some(b) => {
                    b.parse::<u8>().ok().filter(|b| *b <= max).ok_or_else(|| format!("{part:?}: bad prefix length"))?
                }
            };
            nets.push((addr, bits));
        }
        Ok(Self(nets))
    }

    /// Whether `ip` may send (always, when the list is empty).
    pub fn allows(&self, ip: IpAddr) -> bool {
        self.0.is_empty() || self.contains(ip)
    }

    /// Whether `ip` is on the list (never, when it is empty).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        self.0.iter().any(|(net, bits)| within(ip, *net, *bits))
    }

    /// The client a request came from, when `peer` is one of these proxies:
    /// the nearest address of `X-Forwarded-For` (read from the right) that is
    /// not a proxy of the list. Anything to its left the client could have
    /// written itself. `None`: believe the peer.
    pub fn forwarded_client(&self, peer: IpAddr, forwarded_for: &[&str]) -> Option<IpAddr> {
        if !self.contains(peer) {
            return None;
        }
        let hops = forwarded_for.iter().flat_map(|h| h.split(',')).map(str::trim).rev();
        for hop in hops {
            // An unreadable hop ends what can be believed. Some proxies
            // write a port (`192.0.2.7:4711`, `[2001:db8::7]:4711`).
            let ip: IpAddr = hop.parse().ok().or_else(|| hop.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))?;
            if !self.contains(ip) {
                return Some(ip);
            }
        }
        None
    }
}

fn within(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(n)) => {
            let mask = if bits == 0 { 0 } else { u32::MAX << (32 - u32::from(bits)) };
            u32::from(a) & mask == u32::from(n) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(n)) => {
            let mask = if bits == 0 { 0 } else { u128::MAX << (128 - u32::from(bits)) };
            u128::from(a) & mask == u128::from(n) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::AllowList;
    use std::net::IpAddr;

    #[test]
    fn a_trusted_proxy_names_the_client_and_no_one_else_does() {
        let proxies = AllowList::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        // Through a load balancer, then nginx on the same host.
        assert_eq!(proxies.forwarded_client(ip("127.0.0.1"), &["203.0.113.9, 10.1.2.3"]), Some(ip("203.0.113.9")));
        // What a client writes in the header itself is further left: ignored.
        assert_eq!(proxies.forwarded_client(ip("127.0.0.1"), &["6.6.6.6", "198.51.100.4"]), Some(ip("198.51.100.4")));
        // A peer that is no proxy of ours is believed as it is.
        assert_eq!(proxies.forwarded_client(ip("198.51.100.4"), &["1.2.3.4"]), None);
        assert_eq!(proxies.forwarded_client(ip("127.0.0.1"), &[]), None);
        assert_eq!(proxies.forwarded_client(ip("127.0.0.1"), &["unknown"]), None);
        // Some proxies write a port.
        assert_eq!(proxies.forwarded_client(ip("127.0.0.1"), &["192.0.2.7:4711"]), Some(ip("192.0.2.7")));
        assert_eq!(proxies.forwarded_client(ip("127.0.0.1"), &["[2001:db8::7]:4711"]), Some(ip("2001:db8::7")));
        assert_eq!(
            AllowList::default().forwarded_client(ip("127.0.0.1"), &["1.2.3.4"]),
            None,
            "none trusted by default"
        );
    }

    #[test]
    fn networks_and_addresses() {
        let list = AllowList::parse("10.8.0.0/16, 192.0.2.7, 2001:db8::/32").unwrap();
        assert!(list.allows("10.8.200.1".parse().unwrap()));
        assert!(!list.allows("10.9.0.1".parse().unwrap()));
        assert!(list.allows("192.0.2.7".parse().unwrap()));
        assert!(!list.allows("192.0.2.8".parse().unwrap()));
        assert!(list.allows("2001:db8:1::5".parse().unwrap()));
        assert!(list.allows("::ffff:10.8.0.9".parse().unwrap()), "IPv4 seen through a dual-stack socket");
        assert!(AllowList::parse("").unwrap().allows("203.0.113.1".parse().unwrap()));
        assert!(AllowList::parse("10.0.0.0/33").is_err());
        assert!(AllowList::parse("gateway-1").is_err());
    }
}
