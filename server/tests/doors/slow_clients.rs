//! Slow and silent clients (issue: trust): a request's headers and body
//! have deadlines, an idle connection is closed, and connections beyond the
//! cap are refused at once, while normal requests go on being answered.

use crate::harness::Harness;
use server::serve::{Limits, serve};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Waits until the server closes `stream` (or `within` passes); how long it took.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> Option<Duration> {
    let started = Instant::now();
    let mut buf = [0_u8; 1024];
    loop {
        match tokio::time::timeout(within.saturating_sub(started.elapsed()), stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return Some(started.elapsed()),
            Ok(Ok(_)) => continue,
            Err(_) => return None,
        }
    }
}

async fn healthz(addr: std::net::SocketAddr) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await.unwrap();
    let mut out = String::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_string(&mut out)).await.unwrap().unwrap();
    out
}

both!(slow_clients_are_cut_off_and_others_served, |h: Harness| async move {
    let limits =
        Limits { header_timeout: Duration::from_secs(1), request_timeout: Duration::from_secs(1), max_connections: 16 };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, h.router.clone(), limits, async {
        let _ = stopped.await;
    }));

    // Ten requests whose headers never end, one silent connection, one body
    // that never arrives.
    let mut slow = Vec::new();
    for _ in 0..10 {
        let mut s = TcpStream::connect(addr).await.unwrap();
        s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ").await.unwrap();
        slow.push(s);
    }
    slow.push(TcpStream::connect(addr).await.unwrap());
    let mut body = TcpStream::connect(addr).await.unwrap();
    body.write_all(
        b"POST /api/commonInternal.jsp HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\nrequestParams=",
    )
    .await
    .unwrap();
    // Meanwhile a normal request is answered.
    assert!(healthz(addr).await.starts_with("HTTP/1.1 200"));
    for s in &mut slow {
        let took = closed_within(s, Duration::from_secs(4)).await.expect("a slow client is not held");
        assert!(took < Duration::from_secs(3), "{took:?}");
    }
    let took = closed_within(&mut body, Duration::from_secs(4)).await.expect("a missing body is not waited for");
    assert!(took < Duration::from_secs(3), "{took:?}");

    // Connections beyond the cap are closed at once; the server still answers
    // once some are gone.
    let mut held = Vec::new();
    for _ in 0..16 {
        held.push(TcpStream::connect(addr).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    // On a busy machine the server may not have taken all of them yet: a
    // connection it keeps was still under the cap (and now holds a slot);
    // the next ones must be closed at once.
    let mut closed = None;
    for _ in 0..8 {
        let mut over = TcpStream::connect(addr).await.unwrap();
        if let Some(took) = closed_within(&mut over, Duration::from_millis(500)).await {
            closed = Some(took);
            break;
        }
        held.push(over);
    }
    let took = closed.expect("over the cap: closed");
    assert!(took < Duration::from_millis(500));
    drop(held);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(healthz(addr).await.starts_with("HTTP/1.1 200"));
    let _ = stop.send(());
    server.await.unwrap().unwrap();
});
