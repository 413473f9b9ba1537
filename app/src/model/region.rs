//! LoRaWAN regional parameters a gateway or device works under: one list for
//! registration, storage and the radio path's channel plans.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Region {
    Eu868,
    Cn470,
    Us915,
    As923,
    Au915,
    In865,
    Kr920,
    Cn779,
}

impl Region {
    pub const ALL: [Region; 8] = [
        Region::Eu868,
        Region::Cn470,
        Region::Us915,
        Region::As923,
        Region::Au915,
        Region::In865,
        Region::Kr920,
        Region::Cn779,
    ];

    /// The name the document, the database and the forms use.
    pub const fn code(self) -> &'static str {
        match self {
            Region::Eu868 => "eu868",
            Region::Cn470 => "cn470",
            Region::Us915 => "us915",
            Region::As923 => "as923",
            Region::Au915 => "au915",
            Region::In865 => "in865",
            Region::Kr920 => "kr920",
            Region::Cn779 => "cn779",
        }
    }

    /// Any case, surrounding blanks ignored; the error lists what is known.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let wanted = raw.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|r| r.code() == wanted).ok_or_else(|| {
            let known: Vec<&str> = Self::ALL.iter().map(|r| r.code()).collect();
            format!("unknown region {raw:?} (one of {})", known.join(", "))
        })
    }
}

impl std::fmt::Display for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl TryFrom<String> for Region {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Region> for String {
    fn from(value: Region) -> Self {
        value.code().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::Region;

    #[test]
    fn every_code_parses_back_and_others_are_named_in_the_error() {
        for r in Region::ALL {
            assert_eq!(Region::parse(r.code()), Ok(r));
            assert_eq!(Region::parse(&format!(" {} ", r.code().to_uppercase())), Ok(r));
        }
        let err = Region::parse("eu433").unwrap_err();
        assert!(err.contains("\"eu433\"") && err.contains("cn470") && err.contains("cn779"), "{err}");
    }
}
