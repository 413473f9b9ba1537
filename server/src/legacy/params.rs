//! Reading `param`/`params` the way real clients fill them: several spellings
//! of a key, numbers as numbers or strings, `""` meaning "not given".

use super::error::LegacyError;
use app::model::fixed::Fixed;
use serde_json::{Map, Value};

/// The parameters of one call.
#[derive(Debug, Default, Clone)]
pub struct Params(Map<String, Value>);

impl Params {
    pub fn new(map: Map<String, Value>) -> Self {
        Self(map)
    }

    /// The parameters as JSON text, keys in order: equal parameters, equal text.
    pub fn canonical(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }

    /// The first present, non-empty value among `keys`: exact spellings first,
    /// then the same spellings in any letter case.
    fn value(&self, keys: &[&str]) -> Option<&Value> {
        let given = |v: &&Value| !matches!(v, Value::Null) && !matches!(v, Value::String(s) if s.trim().is_empty());
        keys.iter().find_map(|k| self.0.get(*k).filter(given)).or_else(|| {
            self.0
                .iter()
                .find(|(name, v)| keys.iter().any(|k| k.eq_ignore_ascii_case(name)) && given(v))
                .map(|(_, v)| v)
        })
    }

    /// Every present, non-empty text among the spellings `keys`, each with
    /// the spelling it came under (for errors that name the key sent).
    pub fn texts(&self, keys: &[&'static str]) -> Result<Vec<(&'static str, String)>, LegacyError> {
        let mut out = Vec::new();
        for (name, value) in &self.0 {
            let Some(key) = keys.iter().find(|k| k.eq_ignore_ascii_case(name)) else { continue };
            let text = match value {
                Value::Null => continue,
                Value::String(s) => s.trim().to_owned(),
                Value::Number(n) => n.to_string(),
                _ => return Err(LegacyError::WrongType { field: key, expected: "a string" }),
            };
            if !text.is_empty() && !out.iter().any(|(_, t)| *t == text) {
                out.push((*key, text));
            }
        }
        Ok(out)
    }

    /// Whether any spelling of the key is present, even empty.
    pub fn has(&self, keys: &[&str]) -> bool {
        self.0.keys().any(|name| keys.iter().any(|k| k.eq_ignore_ascii_case(name)))
    }

    /// A text value; numbers are accepted and written as text.
    pub fn text(&self, keys: &[&'static str]) -> Result<Option<String>, LegacyError> {
        match self.value(keys) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(_) => Err(LegacyError::WrongType { field: keys[0], expected: "a string" }),
        }
    }

    /// A secret, exactly as sent (passwords may begin or end with spaces).
    pub fn secret(&self, keys: &[&'static str]) -> Result<Option<String>, LegacyError> {
        match self.value(keys) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(_) => Err(LegacyError::WrongType { field: keys[0], expected: "a string" }),
        }
    }

    pub fn req_text(&self, keys: &[&'static str]) -> Result<String, LegacyError> {
        self.text(keys)?.ok_or(LegacyError::Missing(keys[0]))
    }

    /// A whole number, given as a number or as digits in a string.
    pub fn int(&self, keys: &[&'static str]) -> Result<Option<i64>, LegacyError> {
        let wrong = || LegacyError::WrongType { field: keys[0], expected: "a whole number" };
        match self.value(keys) {
            None => Ok(None),
            Some(Value::Number(n)) => n.as_i64().map(Some).ok_or_else(wrong),
            Some(Value::String(s)) => s.trim().parse::<i64>().map(Some).map_err(|_| wrong()),
            Some(_) => Err(wrong()),
        }
    }

    pub fn req_int(&self, keys: &[&'static str]) -> Result<i64, LegacyError> {
        self.int(keys)?.ok_or(LegacyError::Missing(keys[0]))
    }

    /// An exact decimal. A JSON number is read through its shortest decimal
    /// text (`1.1` stays 1.1), never through float arithmetic.
    pub fn fixed<const DP: u32, const K: u8>(
        &self,
        keys: &[&'static str],
    ) -> Result<Option<Fixed<DP, K>>, LegacyError> {
        let text = match self.value(keys) {
            None => return Ok(None),
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            Some(_) => return Err(LegacyError::WrongType { field: keys[0], expected: "a number" }),
        };
        Fixed::<DP, K>::parse(&text)
            .map(Some)
            .map_err(|e| LegacyError::Invalid { field: keys[0], message: format!("{e} ({text:?})") })
    }

    pub fn req_fixed<const DP: u32, const K: u8>(&self, keys: &[&'static str]) -> Result<Fixed<DP, K>, LegacyError> {
        self.fixed(keys)?.ok_or(LegacyError::Missing(keys[0]))
    }

    /// A list: a JSON array of strings or numbers, or one comma-joined string.
    pub fn list(&self, keys: &[&'static str]) -> Result<Vec<String>, LegacyError> {
        let wrong = || LegacyError::WrongType { field: keys[0], expected: "a list or a comma-separated string" };
        match self.value(keys) {
            None => Ok(Vec::new()),
            Some(Value::String(s)) => {
                Ok(s.split(',').map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect())
            }
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s.trim().to_owned()),
                    Value::Number(n) => Ok(n.to_string()),
                    _ => Err(wrong()),
                })
                .collect(),
            // A single id sent as a bare number ("ids": 5, or "id": 5).
            Some(Value::Number(n)) => Ok(vec![n.to_string()]),
            Some(_) => Err(wrong()),
        }
    }

    /// Parses a text value with a model parser, naming the key on failure.
    pub fn parsed<T>(
        &self,
        keys: &[&'static str],
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, LegacyError> {
        self.text(keys)?
            .map(|t| parse(&t).map_err(|message| LegacyError::Invalid { field: keys[0], message }))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn params(v: Value) -> Params {
        match v {
            Value::Object(m) => Params::new(m),
            _ => Params::default(),
        }
    }

    #[test]
    fn spellings_strings_and_blanks() {
        let p = params(json!({"areald": "39", "AREAID": 40, "searchContent": "", "price": 1.1, "devEuis": "a, b,,c"}));
        assert_eq!(p.int(&["areaId", "areald", "areaid"]).unwrap(), Some(39));
        assert_eq!(p.int(&["areaid"]).unwrap(), Some(40), "case-insensitive fallback");
        assert_eq!(p.text(&["searchContent"]).unwrap(), None, "empty string is not given");
        assert_eq!(p.fixed::<4, { app::model::fixed::UNIT_PRICE }>(&["price"]).unwrap().unwrap().minor(), 11_000);
        assert_eq!(p.list(&["devEuis"]).unwrap(), vec!["a", "b", "c"]);
        assert!(matches!(p.req_int(&["id"]), Err(LegacyError::Missing("id"))));
    }

    #[test]
    fn every_spelling_given_is_read_once() {
        let p = params(
            json!({"imei": "861234567890123", "nbonetNetImei": "861234567890123", "IMEI": "", "meterNo": 8612345678901234_u64}),
        );
        let got = p.texts(&["nbonetNetImei", "imei", "IMEI", "meterNo"]).unwrap();
        let values: Vec<&str> = got.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(values, vec!["861234567890123", "8612345678901234"], "blanks skipped, repeats once: {got:?}");
        assert!(got.iter().any(|(k, _)| *k == "meterNo"));
        assert!(matches!(
            params(json!({"devEui": [1]})).texts(&["devEui"]),
            Err(LegacyError::WrongType { field: "devEui", .. })
        ));
    }

    #[test]
    fn wrong_types_name_the_key() {
        let p = params(json!({"areaId": "x1", "price": "ten", "name": {"a": 1}, "n": 1.5}));
        assert!(matches!(p.int(&["areaId"]), Err(LegacyError::WrongType { field: "areaId", .. })));
        assert!(matches!(
            p.fixed::<2, { app::model::fixed::MONEY }>(&["price"]),
            Err(LegacyError::Invalid { field: "price", .. })
        ));
        assert!(matches!(p.text(&["name"]), Err(LegacyError::WrongType { field: "name", .. })));
        assert!(matches!(p.int(&["n"]), Err(LegacyError::WrongType { .. })));
    }
}
