//! Codecs a utility adds without rebuilding: JavaScript in the convention
//! of The Things Stack's device repository and ChirpStack,
//! `decodeUplink({bytes, fPort, recvTime})` → `{data, warnings, errors}` and
//! `encodeDownlink({data})` → `{bytes, fPort, warnings, errors}`, run in an
//! embedded QuickJS (as ChirpStack runs them) with a memory and a time
//! limit. Each call gets a fresh runtime: a script keeps nothing between
//! frames, and one frame's script cannot slow or poison the next.
//!
//! What the platform reads from `data` (docs/codec.md lists it): `register`
//! (or `forward`), `reverse` and `flow` in the meter's unit (m³, kWh),
//! `valve` (`"open"`/`"closed"`, `true`/`false` or 1/0), `batteryMv` (or
//! `battery` in volts), `alarms` (a bit mask), `tankLevel` (percent) and
//! `acks` (`[{"seq": 12, "ok": true}]`). Anything else is the script's own.

use crate::model::fixed::Register;
use rquickjs::{Context, Function, Runtime, Value};
use serde_json::{Value as Json, json};
use std::time::{Duration, Instant};

/// The memory one run may take.
const MEMORY_LIMIT: usize = 8 << 20;
/// The time one run may take.
const TIME_LIMIT: Duration = Duration::from_millis(100);
/// A script's size, at most (the largest of The Things Stack's device
/// repository are a few tens of kilobytes).
pub const MAX_SCRIPT_BYTES: usize = 256 << 10;

/// Why a script gave no answer, in words an operator can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScriptError {
    #[error("the script does not compile: {0}")]
    Compile(String),
    #[error("the script has no function {0}")]
    Missing(&'static str),
    #[error("the script threw: {0}")]
    Threw(String),
    #[error("the script ran longer than {} ms", TIME_LIMIT.as_millis())]
    TimedOut,
    #[error("the script used more than {} MiB", MEMORY_LIMIT >> 20)]
    OutOfMemory,
    #[error("the script's answer {0}")]
    Answer(String),
    /// A script ran past every limit inside one of the engine's own loops
    /// (QuickJS checks its time only between instructions): its thread
    /// cannot be stopped, so no script runs until the server restarts.
    #[error("a codec script is stuck in the engine; no script runs until the server restarts")]
    Stuck,
}

/// How long a caller waits for one run before giving the engine up for
/// stuck (the run's own limit is `TIME_LIMIT`, after compiling).
const WALL_LIMIT: Duration = Duration::from_secs(2);
/// One script at a time: a runaway one holds one core, not all of them.
static RUNNING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);
static STUCK: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Runs `work` (one script call) off the async threads, one at a time, and
/// gives up waiting after `WALL_LIMIT`: then the engine is stuck for good
/// (logged), and every later run is refused at once instead of queueing.
pub async fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ScriptError> + Send + 'static,
) -> Result<T, ScriptError> {
    use std::sync::atomic::Ordering;
    if STUCK.load(Ordering::Relaxed) {
        return Err(ScriptError::Stuck);
    }
    let permit = RUNNING.acquire().await.map_err(|_| ScriptError::Stuck)?;
    let run = tokio::task::spawn_blocking(move || {
        let _turn = permit;
        work()
    });
    match tokio::time::timeout(WALL_LIMIT, run).await {
        Ok(Ok(answer)) => answer,
        Ok(Err(e)) => Err(ScriptError::Threw(format!("the run ended abnormally: {e}"))),
        Err(_) => {
            STUCK.store(true, Ordering::Relaxed);
            tracing::error!("a codec script ran past its limits inside the engine; scripts are off until a restart");
            Err(ScriptError::Stuck)
        }
    }
}

/// Runs `function(input)` of `source` and answers its result as JSON.
fn run(source: &str, function: &'static str, input: &Json) -> Result<Json, ScriptError> {
    let engine = |e: rquickjs::Error| ScriptError::Threw(e.to_string());
    let runtime = Runtime::new().map_err(engine)?;
    runtime.set_memory_limit(MEMORY_LIMIT);
    runtime.set_max_stack_size(256 << 10);
    // Compiling gets the same time again: the call's own clock starts after.
    let deadline = std::rc::Rc::new(std::cell::Cell::new(Instant::now() + TIME_LIMIT));
    let watched = deadline.clone();
    runtime.set_interrupt_handler(Some(Box::new(move || Instant::now() > watched.get())));
    let context = Context::full(&runtime).map_err(engine)?;
    context.with(|ctx| {
        // What the engine threw, as text; an interrupt or allocation failure
        // is told apart by the limit it hit.
        let thrown = |ctx: &rquickjs::Ctx<'_>, e: rquickjs::Error| {
            if Instant::now() > deadline.get() {
                return ScriptError::TimedOut;
            }
            let caught = ctx.catch();
            let text = caught
                .as_exception()
                .map(|x| x.message().unwrap_or_default())
                .or_else(|| caught.as_string().and_then(|s| s.to_string().ok()))
                .unwrap_or_else(|| e.to_string());
            if text.contains("out of memory") { ScriptError::OutOfMemory } else { ScriptError::Threw(text) }
        };
        ctx.eval::<(), _>(source).map_err(|e| match thrown(&ctx, e) {
            ScriptError::Threw(why) => ScriptError::Compile(why),
            other => other,
        })?;
        deadline.set(Instant::now() + TIME_LIMIT);
        let f: Function<'_> = ctx.globals().get(function).map_err(|_| ScriptError::Missing(function))?;
        let arg = ctx.json_parse(input.to_string()).map_err(engine)?;
        let out: Value<'_> = f.call((arg,)).map_err(|e| thrown(&ctx, e))?;
        let text = ctx
            .json_stringify(out)
            .map_err(|e| thrown(&ctx, e))?
            .map(|s| s.to_string())
            .transpose()
            .map_err(engine)?
            .ok_or_else(|| ScriptError::Answer("is not an object".into()))?;
        serde_json::from_str(&text).map_err(|e| ScriptError::Answer(format!("is not JSON: {e}")))
    })
}

/// Whether a script compiles and has `decodeUplink` (what saving one checks).
pub fn check(source: &str) -> Result<(), ScriptError> {
    match decode(source, 1, &[], "") {
        Err(
            e @ (ScriptError::Compile(_) | ScriptError::Missing(_) | ScriptError::TimedOut | ScriptError::OutOfMemory),
        ) => Err(e),
        // It ran: an empty payload may well be refused or throw.
        _ => Ok(()),
    }
}

/// A script's `errors`, if it named any, as one refusal.
fn refused(answer: &Json) -> Result<(), ScriptError> {
    match answer.get("errors").and_then(Json::as_array) {
        Some(errors) if !errors.is_empty() => {
            let list: Vec<String> =
                errors.iter().map(|e| e.as_str().map_or_else(|| e.to_string(), str::to_owned)).collect();
            Err(ScriptError::Answer(format!("names errors: {}", list.join("; "))))
        }
        _ => Ok(()),
    }
}

/// `decodeUplink` of `source` for a payload on `f_port`: the script's `data`.
pub fn decode(source: &str, f_port: u8, bytes: &[u8], recv_time: &str) -> Result<Json, ScriptError> {
    let answer = run(source, "decodeUplink", &json!({"bytes": bytes, "fPort": f_port, "recvTime": recv_time}))?;
    refused(&answer)?;
    match answer.get("data") {
        Some(data @ Json::Object(_)) => Ok(data.clone()),
        _ => Err(ScriptError::Answer("has no object `data`".into())),
    }
}

/// `encodeDownlink` of `source` for `data`: the port and bytes to send.
pub fn encode(source: &str, data: &Json) -> Result<(u8, Vec<u8>), ScriptError> {
    let answer = run(source, "encodeDownlink", &json!({"data": data}))?;
    refused(&answer)?;
    let port = answer
        .get("fPort")
        .and_then(Json::as_u64)
        .and_then(|p| u8::try_from(p).ok())
        .filter(|p| (1..=223).contains(p))
        .ok_or_else(|| ScriptError::Answer("has no fPort from 1 to 223".into()))?;
    let bytes = answer
        .get("bytes")
        .and_then(Json::as_array)
        .ok_or_else(|| ScriptError::Answer("has no array `bytes`".into()))?
        .iter()
        .map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok()))
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(|| ScriptError::Answer("has `bytes` that are not all 0 to 255".into()))?;
    // The largest application payload LoRaWAN carries (at the fastest data rates).
    if bytes.len() > 222 {
        return Err(ScriptError::Answer(format!("has {} bytes, more than a downlink carries (222)", bytes.len())));
    }
    Ok((port, bytes))
}

/// What the platform reads of a script's `data`; fields it leaves out are
/// not reported. A field there but not readable is an error naming it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading {
    pub forward: Option<Register>,
    pub reverse: Option<Register>,
    pub flow: Option<Register>,
    /// Open (true) or closed.
    pub valve_open: Option<bool>,
    pub battery_mv: Option<i64>,
    pub alarms: i64,
    pub tank_level: Option<i64>,
    /// (sequence, carried out).
    pub acks: Vec<(u16, bool)>,
}

fn register(data: &Json, names: &[&'static str]) -> Result<Option<Register>, ScriptError> {
    let Some((name, v)) = names.iter().find_map(|n| data.get(*n).map(|v| (*n, v))) else { return Ok(None) };
    let bad = || ScriptError::Answer(format!("has {name} {v}, not a number of at most 4 decimals"));
    let units = v.as_f64().filter(|x| x.is_finite() && *x >= 0.0 && *x < 1e14).ok_or_else(bad)?;
    // Four decimals: the register's own precision (1e-4 of the unit).
    Ok(Some(Register::from_minor((units * 10_000.0).round() as i64)))
}

/// Reads the documented fields of a script's `data`.
pub fn reading(data: &Json) -> Result<Reading, ScriptError> {
    let bad = |name: &str, v: &Json, want: &str| ScriptError::Answer(format!("has {name} {v}, not {want}"));
    let valve_open = match data.get("valve") {
        None | Some(Json::Null) => None,
        Some(Json::Bool(b)) => Some(*b),
        Some(Json::String(s)) if s.eq_ignore_ascii_case("open") => Some(true),
        Some(Json::String(s)) if s.eq_ignore_ascii_case("closed") || s.eq_ignore_ascii_case("close") => Some(false),
        Some(v) if v.as_u64() == Some(1) => Some(true),
        Some(v) if v.as_u64() == Some(0) => Some(false),
        // Anything else (a valve stuck halfway, "unknown"): not known; the rest stands.
        Some(_) => None,
    };
    let battery_mv = match (data.get("batteryMv"), data.get("battery")) {
        (Some(mv), _) => {
            Some(mv.as_i64().filter(|v| (0..=100_000).contains(v)).ok_or_else(|| bad("batteryMv", mv, "millivolts"))?)
        }
        (None, Some(volts)) => Some(
            volts
                .as_f64()
                .filter(|v| (0.0..=100.0).contains(v))
                .map(|v| (v * 1000.0).round() as i64)
                .ok_or_else(|| bad("battery", volts, "volts"))?,
        ),
        (None, None) => None,
    };
    let alarms = match data.get("alarms") {
        None => 0,
        Some(v) => v.as_i64().filter(|a| *a >= 0).ok_or_else(|| bad("alarms", v, "a bit mask"))?,
    };
    let tank_level = match data.get("tankLevel") {
        None => None,
        Some(v) => {
            Some(v.as_i64().filter(|l| (0..=100).contains(l)).ok_or_else(|| bad("tankLevel", v, "a percentage"))?)
        }
    };
    let acks = match data.get("acks") {
        None => Vec::new(),
        Some(Json::Array(list)) => list
            .iter()
            .map(|a| {
                let seq = a.get("seq").and_then(Json::as_u64).and_then(|s| u16::try_from(s).ok());
                // `ok` must say it: a number could mean either (the reference
                // codec's 0 is "carried out"), and a refused credit taken for
                // done would be money lost.
                let ok = match a.get("ok") {
                    None => Some(true),
                    Some(Json::Bool(b)) => Some(*b),
                    Some(_) => None,
                };
                seq.zip(ok).ok_or_else(|| bad("acks", a, "{\"seq\": 0 to 65535, \"ok\": true or false}"))
            })
            .collect::<Result<_, _>>()?,
        Some(v) => return Err(bad("acks", v, "a list")),
    };
    Ok(Reading {
        forward: register(data, &["register", "forward"])?,
        reverse: register(data, &["reverse"])?,
        flow: register(data, &["flow"])?,
        valve_open,
        battery_mv,
        alarms,
        tank_level,
        acks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A codec as a utility would write it for its meters.
    const WATER: &str = r#"
        function decodeUplink(input) {
          var b = input.bytes;
          if (input.fPort !== 2) { return { errors: ["unknown port " + input.fPort] }; }
          var litres = (b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]) >>> 0;
          return { data: { register: litres / 1000, valve: b[4] ? "open" : "closed", battery: b[5] / 50,
                           acks: b.length > 7 ? [{ seq: b[6] << 8 | b[7], ok: true }] : [] } };
        }
        function encodeDownlink(input) {
          var d = input.data;
          var op = { close_valve: 1, open_valve: 2, report: 3 }[d.command];
          if (!op) { return { errors: ["cannot carry " + d.command] }; }
          return { fPort: 3, bytes: [op, d.seq >> 8, d.seq & 255] };
        }"#;

    #[test]
    fn a_utilitys_codec_decodes_and_encodes_in_the_conventions() {
        let data = decode(WATER, 2, &[0, 0, 0x30, 0x39, 1, 180, 0, 7], "2026-12-03T08:00:00Z").unwrap();
        let r = reading(&data).unwrap();
        assert_eq!(r.forward, Some(Register::from_minor(123_450)), "12.345 m³");
        assert_eq!((r.valve_open, r.battery_mv, r.acks.clone()), (Some(true), Some(3_600), vec![(7, true)]));
        let refused = decode(WATER, 9, &[0; 6], "").unwrap_err();
        assert_eq!(refused, ScriptError::Answer("names errors: unknown port 9".into()));
        assert_eq!(encode(WATER, &json!({"command": "close_valve", "seq": 258})).unwrap(), (3, vec![1, 1, 2]));
        assert!(
            encode(WATER, &json!({"command": "add_credit", "seq": 1}))
                .unwrap_err()
                .to_string()
                .contains("cannot carry")
        );
    }

    #[test]
    fn a_script_that_breaks_says_how() {
        let err = |src: &str| decode(src, 1, &[], "").unwrap_err();
        assert!(matches!(err("function decodeUplink( {"), ScriptError::Compile(_)), "{:?}", err("function ("));
        assert_eq!(err("var x = 1;"), ScriptError::Missing("decodeUplink"));
        let threw = err("function decodeUplink(i) { throw new Error('bad frame'); }");
        assert_eq!(threw, ScriptError::Threw("bad frame".into()));
        assert_eq!(err("function decodeUplink(i) { for (;;) {} }"), ScriptError::TimedOut);
        let hog = "function decodeUplink(i) { var a = []; for (;;) { a.push(new Array(100000).fill(1)); } }";
        assert_eq!(err(hog), ScriptError::OutOfMemory);
        assert_eq!(err("function decodeUplink(i) { return 3; }"), ScriptError::Answer("has no object `data`".into()));
        let odd = decode("function decodeUplink(i) { return {data: {register: 1, valve: 'ajar'}}; }", 1, &[], "");
        let ajar = reading(&odd.unwrap()).unwrap();
        assert_eq!((ajar.valve_open, ajar.forward), (None, Some(Register::from_minor(10_000))), "the rest stands");
        assert!(reading(&json!({"acks": [{"seq": 4, "ok": 0}]})).unwrap_err().to_string().contains("acks"));
        let long =
            encode("function encodeDownlink(i) { return {fPort: 1, bytes: new Array(223).fill(0)}; }", &json!({}));
        assert!(long.unwrap_err().to_string().contains("222"));
        let negative = json!({"register": -1});
        assert!(reading(&negative).unwrap_err().to_string().contains("register -1"));
        let bad_bytes = encode("function encodeDownlink(i) { return {fPort: 1, bytes: [256]}; }", &json!({}));
        assert!(bad_bytes.unwrap_err().to_string().contains("0 to 255"));
    }
}
