//! Regional channel plans: where and how a downlink answers an uplink.

use super::gwmp::Rxpk;
use app::model::region::Region;

/// RX1 frequency (MHz) and data rate for an uplink (RX1DROffset 0). EU868
/// and the other single-band plans answer on the uplink channel at the same
/// data rate. CN470 maps uplink channel n (470.3 + 0.2 n MHz) to downlink
/// channel n mod 48 (500.3 + 0.2 (n mod 48) MHz). US915 and AU915 answer on
/// one of 8 downlink channels (923.3 + 0.6 (n mod 8) MHz) at 500 kHz: the same
/// spreading factor for a 125 kHz uplink, SF7 for a 500 kHz one.
pub fn rx1(region: Region, rx: &Rxpk) -> (f64, String) {
    let round = |f: f64| (f * 10.0).round() / 10.0;
    match region {
        Region::Cn470 => {
            let channel = ((rx.freq - 470.3) / 0.2).round().max(0.0) as u32;
            (round(500.3 + 0.2 * f64::from(channel % 48)), rx.datr.clone())
        }
        Region::Us915 | Region::Au915 => {
            let (base125, base500) = if region == Region::Us915 { (902.3, 903.0) } else { (915.2, 915.9) };
            let wide = rx.datr.ends_with("BW500");
            let channel = if wide {
                // A float casts saturating; the sum must not overflow on a gateway's nonsense.
                64_u32.saturating_add(((rx.freq - base500) / 1.6).round().max(0.0) as u32)
            } else {
                ((rx.freq - base125) / 0.2).round().max(0.0) as u32
            };
            let datr = if wide { "SF7BW500".to_owned() } else { rx.datr.replace("BW125", "BW500") };
            (round(923.3 + 0.6 * f64::from(channel % 8)), datr)
        }
        Region::Eu868 | Region::As923 | Region::In865 | Region::Kr920 | Region::Cn779 => (rx.freq, rx.datr.clone()),
    }
}

/// The region's default RX2 data rate, as a Join-Accept's DLSettings carry
/// it (RX1DROffset 0): the device keeps the regional defaults.
pub fn rx2_data_rate(region: Region) -> u8 {
    match region {
        Region::Us915 | Region::Au915 => 8,
        Region::As923 | Region::In865 => 2,
        Region::Eu868 | Region::Cn470 | Region::Kr920 | Region::Cn779 => 0,
    }
}

#[cfg(test)]
pub(crate) fn rx(freq: f64, datr: &str) -> Rxpk {
    Rxpk { tmst: 0, freq, datr: datr.to_owned(), rssi: -80, lsnr: 5.0, data: String::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rx1_follows_each_regions_channel_plan() {
        assert_eq!(rx1(Region::Eu868, &rx(868.3, "SF9BW125")), (868.3, "SF9BW125".to_owned()));
        assert_eq!(rx1(Region::Cn470, &rx(470.9, "SF12BW125")), (500.9, "SF12BW125".to_owned()));
        // US915 channel 9 (904.1 MHz) answers on downlink channel 1; SF10BW125 (DR0) → DR10.
        assert_eq!(rx1(Region::Us915, &rx(904.1, "SF10BW125")), (923.9, "SF10BW500".to_owned()));
        // US915 channel 65 (904.6 MHz, SF8BW500, DR4) → downlink channel 1 at DR13.
        assert_eq!(rx1(Region::Us915, &rx(904.6, "SF8BW500")), (923.9, "SF7BW500".to_owned()));
        // AU915 channel 8 (916.8 MHz) → downlink channel 0; SF12BW125 (DR0) → DR8.
        assert_eq!(rx1(Region::Au915, &rx(916.8, "SF12BW125")), (923.3, "SF12BW500".to_owned()));
        // A frequency no gateway can hear still gets an answer, not a panic.
        assert_eq!(rx1(Region::Us915, &rx(1e12, "SF8BW500")).1, "SF7BW500");
    }
}
