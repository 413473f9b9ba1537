//! Copies of one frame heard by several gateways: the first copy waits a
//! short window for the others, then the best one goes on.

use super::gwmp::Rxpk;
use app::model::ids::GatewayEui;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// How long the first copy of a frame waits for the copies other gateways
/// heard. RX1 opens a second after the uplink ends, so the downlink still
/// has ample time.
pub const DEDUP_WINDOW: Duration = Duration::from_millis(100);

/// The most frames one batch takes: bounds one transaction's size; more waiting
/// frames go in the next batch, straight after.
const MAX_BATCH: usize = 2_000;

/// The best copy of a frame and the gateway that heard it.
#[derive(Debug, Clone)]
pub struct Heard {
    pub gw: GatewayEui,
    pub rx: Rxpk,
}

/// Frames waiting out their window: the best copy of each by payload, and
/// the payloads in the order they were first heard.
#[derive(Debug, Default)]
pub struct Dedup {
    pending: Mutex<Pending>,
    /// Wakes the batcher when a frame arrives while none waits.
    wake: Notify,
}

#[derive(Debug, Default)]
struct Pending {
    best: HashMap<String, Heard>,
    order: VecDeque<(Instant, String)>,
}

/// The better of two copies of one frame: higher SNR, then stronger signal.
fn better(a: &Rxpk, b: &Rxpk) -> bool {
    (a.lsnr, a.rssi) > (b.lsnr, b.rssi)
}

impl Dedup {
    /// Takes one received copy; true when it is a copy of a frame already
    /// waiting (the better of the two is kept).
    pub fn hear(&self, gw: GatewayEui, rx: Rxpk) -> bool {
        let key = rx.data.trim().to_owned();
        let Ok(mut pending) = self.pending.lock() else { return false };
        if let Some(best) = pending.best.get_mut(&key) {
            if better(&rx, &best.rx) {
                *best = Heard { gw, rx };
            }
            return true;
        }
        if pending.order.is_empty() {
            self.wake.notify_one();
        }
        pending.order.push_back((Instant::now(), key.clone()));
        pending.best.insert(key, Heard { gw, rx });
        false
    }

    /// Waits for the oldest frame's window to pass, then takes the frames
    /// whose window has passed (at most a batch). While one batch is written
    /// the next gathers, so batches grow with the load.
    pub async fn ripe(&self) -> Vec<Heard> {
        let due = self.pending.lock().ok().and_then(|p| p.order.front().map(|(at, _)| *at + DEDUP_WINDOW));
        match due {
            None => self.wake.notified().await,
            Some(due) => tokio::time::sleep_until(due.into()).await,
        }
        let Ok(mut pending) = self.pending.lock() else { return Vec::new() };
        let mut ripe = Vec::new();
        while ripe.len() < MAX_BATCH && pending.order.front().is_some_and(|(at, _)| at.elapsed() >= DEDUP_WINDOW) {
            if let Some((_, key)) = pending.order.pop_front()
                && let Some(frame) = pending.best.remove(&key)
            {
                ripe.push(frame);
            }
        }
        ripe
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lorawan::regions::rx;

    #[test]
    fn the_better_copy_has_more_snr_then_more_signal() {
        let (mut a, mut b) = (rx(868.1, "SF7BW125"), rx(868.1, "SF7BW125"));
        a.lsnr = 7.0;
        b.lsnr = 3.0;
        b.rssi = -40;
        assert!(better(&a, &b));
        b.lsnr = 7.0;
        assert!(better(&b, &a), "equal SNR: the stronger signal wins");
    }

    #[tokio::test]
    async fn copies_wait_for_each_other_and_the_best_goes_on() {
        let dedup = Dedup::default();
        let gw = |n: u8| GatewayEui::from_bytes([n; 8]);
        let (mut weak, mut strong) = (rx(868.1, "SF7BW125"), rx(868.1, "SF7BW125"));
        weak.data = "AAEC".into();
        strong.data = "AAEC".into();
        weak.lsnr = 1.0;
        strong.lsnr = 9.0;
        assert!(!dedup.hear(gw(1), weak));
        assert!(dedup.hear(gw(2), strong), "the second copy is a copy");
        let ripe = dedup.ripe().await;
        assert_eq!(ripe.len(), 1);
        assert_eq!(ripe[0].gw, gw(2), "the stronger copy's gateway carries the answer");
    }
}
