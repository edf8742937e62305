//! Closed lists of values stored and sent by a stable snake_case key, each with its Danish label
//! (the UI, the CLI and the minutes show the label; rules.rs exports them to the UI).

/// Declares an enum of keyed values: `Name { Variant = "key": "Dansk etiket", … }`, with `ALL`
/// (declaration order, the order forms show), `as_str`, `parse` (the key or the Danish label, any
/// case) and `label_da`.
macro_rules! key_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $s:literal : $label:literal),+ $(,)? }) => {
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, specta::Type,
        )]
        $(#[$m])*
        pub enum $name {
            $(#[serde(rename = $s)] $variant),+
        }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
            /// The key or the Danish label (any case).
            pub fn parse(s: &str) -> Option<$name> {
                let s = s.trim();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s || v.label_da().to_lowercase() == s.to_lowercase())
            }
            /// The Danish label the UI, the CLI and the minutes show.
            pub fn label_da(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }
    };
}

pub(crate) use key_enum;
