//! Building answers: `errcode` as a string, the document's key names, money
//! and registers in the forms clients parse.

use super::error::LegacyError;
use app::model::fixed::Fixed;
use app::model::paging::Page;
use serde_json::{Map, Value, json};

/// A successful answer under construction.
#[derive(Debug, Clone)]
pub struct Answer(Map<String, Value>);

impl Answer {
    pub fn ok(errmsg: &str) -> Self {
        let mut map = Map::new();
        map.insert("errcode".into(), Value::String("0".into()));
        map.insert("errmsg".into(), Value::String(errmsg.into()));
        Self(map)
    }

    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.0.insert(key.to_owned(), value.into());
        self
    }

    /// `pageInfo` and `values` of a paged list. `pageTotal` counts pages (what
    /// clients loop up to); `rowTotal` adds the number of rows.
    pub fn page<T>(self, page: &Page<T>, values: Vec<Value>) -> Self {
        self.with(
            "pageInfo",
            json!({
                "pageTotal": page.total_pages(),
                "pageNumber": page.number,
                "pageSize": page.size,
                "rowTotal": page.total_rows,
            }),
        )
        .with("values", Value::Array(values))
    }

    pub fn into_value(self) -> Value {
        Value::Object(self.0)
    }
}

/// The answer to a refused request.
pub fn refusal(err: &LegacyError) -> Value {
    json!({ "errcode": err.errcode(), "errcodeDetail": err.detail(), "errmsg": err.errmsg() })
}

/// An exact decimal as a JSON number, for the fields clients read as numbers
/// (`balance`, `fee`, prices). JSON has only one number type, so the value
/// passes through a double here: every amount below 2^53 minor units converts
/// to the double nearest its decimal, whose shortest text (what serde_json
/// writes) is exactly that decimal. Arithmetic never sees the double.
pub fn number<const DP: u32, const K: u8>(value: Fixed<DP, K>) -> Value {
    let text = value.to_string();
    text.parse::<i64>()
        .map(Value::from)
        .ok()
        .or_else(|| text.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map(Value::Number))
        .unwrap_or(Value::String(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::fixed::Money;

    #[test]
    fn money_numbers_print_exactly() {
        assert_eq!(serde_json::to_string(&number(Money::from_minor(30))).unwrap(), "0.3");
        assert_eq!(serde_json::to_string(&number(Money::from_minor(8_888_800))).unwrap(), "88888");
        assert_eq!(serde_json::to_string(&number(Money::from_minor(-12_345_678_901))).unwrap(), "-123456789.01");
    }
}
