//! TLS for the connections Meterline opens to a network's broker: the
//! public certificate authorities built in, or the one CA an installation
//! names for a broker with a certificate of its own.

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use std::sync::Arc;

/// A client configuration trusting `ca_file`'s certificates (PEM), or the
/// public authorities when there is none.
pub fn client_config(ca_file: Option<&str>) -> Result<Arc<rustls::ClientConfig>, String> {
    let mut roots = rustls::RootCertStore::empty();
    match ca_file {
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
        Some(path) => {
            let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
                .map_err(|e| format!("cannot read the CA file {path:?}: {e}"))?
                .collect::<Result<_, _>>()
                .map_err(|e| format!("the CA file {path:?} is not PEM certificates: {e}"))?;
            if certs.is_empty() {
                return Err(format!("the CA file {path:?} holds no certificate"));
            }
            for cert in certs {
                roots.add(cert).map_err(|e| format!("the CA file {path:?} holds a certificate rustls refuses: {e}"))?;
            }
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("cannot set up TLS: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

#[cfg(test)]
mod tests {
    use super::client_config;

    #[test]
    fn a_ca_file_that_is_not_one_is_named() {
        assert!(client_config(None).is_ok());
        let missing = client_config(Some("/nonexistent/ca.pem")).unwrap_err();
        assert!(missing.contains("cannot read the CA file \"/nonexistent/ca.pem\""), "{missing}");
        let path = std::env::temp_dir().join(format!("meterline-not-a-ca-{}.pem", std::process::id()));
        std::fs::write(&path, "not a certificate\n").unwrap();
        let empty = client_config(Some(path.to_str().unwrap())).unwrap_err();
        assert!(empty.contains("holds no certificate"), "{empty}");
        let _ = std::fs::remove_file(path);
    }
}
