//! The TypeScript map of the whole IPC seam, generated from the
//! `#[tauri::command]` functions of this crate into `ui/src/lib/commands.ts`:
//! every command's name, its argument keys (camelCase, as Tauri expects
//! them) and what it resolves to, and every event the shell sends with its
//! payload. The payload types themselves come from ts-rs (`bindings.ts`,
//! written by `appraise_core::bindings`); this map names them.
//!
//! The file is committed; the test fails when it drifts from the Rust
//! signatures, when a command is not registered in `generate_handler!` (or a
//! registered one is not a command), and when a named type is not exported
//! from `bindings.ts`. Regenerate with
//! `UPDATE_BINDINGS=1 cargo test -p appraise bindings`.
//!
//! The commands are read from the source with `syn` rather than through a
//! macro, so the commands themselves stay plain `#[tauri::command]`s.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::punctuated::Punctuated;
use syn::visit::Visit;
use syn::{Expr, FnArg, GenericArgument, Lit, Pat, PathArguments, ReturnType, Token, Type};

/// Parameters Tauri fills in itself: never sent by the window.
const INJECTED: &[&str] = &[
    "State",
    "AppHandle",
    "Window",
    "WebviewWindow",
    "Webview",
    "Channel",
    "Request",
];

/// One `#[tauri::command]` as the window sees it.
struct Command {
    /// `file_stem::fn_name`, as `generate_handler!` names it.
    path: String,
    name: String,
    docs: Vec<String>,
    /// (key as sent, TypeScript type)
    args: Vec<(String, String)>,
    result: String,
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn ui_lib() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib")
}

/// What the visitor finds in one source file.
#[derive(Default)]
struct Finds {
    module: String,
    commands: Vec<Command>,
    registered: Vec<String>,
    /// event name → payload type
    events: BTreeMap<String, String>,
    named: BTreeSet<String>,
    problems: Vec<String>,
}

impl<'ast> Visit<'ast> for Finds {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if let Some(attr) = f.attrs.iter().find(|a| is_tauri_command(a.path())) {
            let command = command(&self.module, f, attr, &mut self.named);
            self.commands.push(command);
        }
        syn::visit::visit_item_fn(self, f);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        if m.path.segments.last().is_some_and(|s| s.ident == "generate_handler") {
            let paths = m
                .parse_body_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
                .expect("generate_handler! lists command paths");
            self.registered.extend(paths.iter().map(path_string));
        }
        syn::visit::visit_macro(self, m);
    }

    // `app.emit("name", Payload { .. })` or `app.emit::<&Payload>("name", p)`
    // (`emit::<()>` for none): the event and its payload type.
    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        if call.method == "emit" && call.args.len() == 2 {
            if let Expr::Lit(syn::ExprLit {
                lit: Lit::Str(name), ..
            }) = &call.args[0]
            {
                let payload = match (&call.turbofish, &call.args[1]) {
                    (Some(turbofish), _) => turbofish.args.first().and_then(|arg| match arg {
                        syn::GenericArgument::Type(ty) => payload_type(ty),
                        _ => None,
                    }),
                    (None, Expr::Struct(payload)) => Some(path_string(&payload.path)),
                    _ => None,
                };
                if let Some(ty) = payload {
                    if ty != "null" {
                        self.named.insert(ty.clone());
                    }
                    self.events.insert(name.value(), ty);
                } else {
                    self.problems.push(format!(
                        "{}: emit \"{}\" with a struct literal or `emit::<Payload>`, so its payload type can be named",
                        self.module,
                        name.value()
                    ));
                }
            }
        }
        syn::visit::visit_expr_method_call(self, call);
    }
}

/// The named type of an event payload, through a reference; `null` for
/// an event that carries nothing (`emit::<()>`).
fn payload_type(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Tuple(t) if t.elems.is_empty() => Some("null".into()),
        syn::Type::Reference(r) => payload_type(&r.elem),
        syn::Type::Path(p) => Some(path_string(&p.path)),
        _ => None,
    }
}

fn path_string(p: &syn::Path) -> String {
    p.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

fn is_tauri_command(p: &syn::Path) -> bool {
    let segments: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
    segments == ["tauri", "command"]
}

fn command(module: &str, f: &syn::ItemFn, attr: &syn::Attribute, named: &mut BTreeSet<String>) -> Command {
    let name = f.sig.ident.to_string();
    // Tauri turns snake_case parameters into camelCase keys unless told not to.
    let snake_keys = matches!(&attr.meta, syn::Meta::List(l) if l.tokens.to_string().replace(' ', "") == "rename_all=\"snake_case\"");
    let args = f
        .sig
        .inputs
        .iter()
        .filter_map(|input| {
            let FnArg::Typed(arg) = input else {
                panic!("{name}: a command takes no self");
            };
            if last_ident(&arg.ty).is_some_and(|i| INJECTED.contains(&i.as_str())) {
                return None;
            }
            let Pat::Ident(ident) = &*arg.pat else {
                panic!("{name}: every argument needs a plain name");
            };
            let key = ident.ident.to_string();
            let key = if snake_keys { key } else { camel_case(&key) };
            Some((key, ts(&arg.ty, named, &name)))
        })
        .collect();
    let result = match &f.sig.output {
        ReturnType::Default => "null".to_string(),
        ReturnType::Type(_, ty) => ts(ty, named, &name),
    };
    let docs = f
        .attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) => Some(s.value().trim().to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    Command {
        path: format!("{module}::{name}"),
        name,
        docs,
        args,
        result,
    }
}

fn last_ident(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        Type::Reference(r) => last_ident(&r.elem),
        _ => None,
    }
}

fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    for (i, part) in snake.split('_').enumerate() {
        let mut chars = part.chars();
        match chars.next() {
            Some(c) if i > 0 => {
                out.extend(c.to_uppercase());
                out.push_str(chars.as_str());
            }
            _ => out.push_str(part),
        }
    }
    out
}

/// The TypeScript for a Rust type as serde writes it; named types are
/// collected in `named` for the import line.
fn ts(ty: &Type, named: &mut BTreeSet<String>, command: &str) -> String {
    let unknown = || -> String { panic!("{command}: no TypeScript for `{}`", quote_type(ty)) };
    match ty {
        Type::Tuple(t) if t.elems.is_empty() => "null".into(),
        Type::Reference(r) => ts(&r.elem, named, command),
        Type::Path(p) => {
            let seg = p.path.segments.last().expect("a type has a name");
            let inner = || -> &Type {
                let generic = match &seg.arguments {
                    PathArguments::AngleBracketed(a) => a.args.first(),
                    _ => None,
                };
                match generic {
                    Some(GenericArgument::Type(t)) => t,
                    _ => panic!("{command}: `{}` needs a type inside", quote_type(ty)),
                }
            };
            match seg.ident.to_string().as_str() {
                "String" | "str" | "char" | "PathBuf" => "string".into(),
                "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" | "f32" | "f64" => {
                    "number".into()
                }
                "bool" => "boolean".into(),
                "Option" => format!("{} | null", ts(inner(), named, command)),
                "Vec" => {
                    let element = ts(inner(), named, command);
                    if element.contains(' ') {
                        format!("({element})[]")
                    } else {
                        format!("{element}[]")
                    }
                }
                // A refusal rejects the promise; the result is what resolves.
                "Result" | "CmdResult" => ts(inner(), named, command),
                name if matches!(seg.arguments, PathArguments::None) => {
                    named.insert(name.to_string());
                    name.to_string()
                }
                _ => unknown(),
            }
        }
        _ => unknown(),
    }
}

fn quote_type(ty: &Type) -> String {
    use quote::ToTokens;
    ty.to_token_stream().to_string()
}

/// Reads every source file of the crate.
fn read_crate() -> Finds {
    let mut files: Vec<PathBuf> = std::fs::read_dir(src_dir())
        .expect("read src-tauri/src")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let mut all = Finds::default();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read a source file");
        let parsed = syn::parse_file(&text).unwrap_or_else(|e| panic!("parse {}: {e}", file.display()));
        all.module = file.file_stem().expect("a file name").to_string_lossy().into_owned();
        all.visit_file(&parsed);
    }
    all
}

/// The whole generated file, or what is wrong with the commands.
pub fn typescript() -> Result<String, Vec<String>> {
    let finds = read_crate();
    let mut problems = finds.problems.clone();

    let declared: BTreeSet<&str> = finds.commands.iter().map(|c| c.path.as_str()).collect();
    let registered: BTreeSet<&str> = finds.registered.iter().map(String::as_str).collect();
    for missing in declared.difference(&registered) {
        problems.push(format!(
            "{missing} is a #[tauri::command] but not in generate_handler! (lib.rs)"
        ));
    }
    for stray in registered.difference(&declared) {
        problems.push(format!(
            "{stray} is in generate_handler! but is not a #[tauri::command]"
        ));
    }
    let mut names = BTreeSet::new();
    for c in &finds.commands {
        if !names.insert(c.name.as_str()) {
            problems.push(format!("two commands are named {}", c.name));
        }
    }

    // Every named type comes from bindings.ts: the crate that defines a type
    // exports it.
    let imports: Vec<&str> = finds.named.iter().map(String::as_str).collect();
    let bindings = std::fs::read_to_string(ui_lib().join("bindings.ts")).unwrap_or_default();
    for name in &imports {
        if !bindings.contains(&format!("export type {name} ")) {
            problems.push(format!(
                "{name} crosses IPC but bindings.ts does not export it: derive ts_rs::TS and add it to core/src/bindings.rs"
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    // In the order of generate_handler!, so the map reads like lib.rs.
    let order: BTreeMap<&str, usize> = finds
        .registered
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_str(), i))
        .collect();
    let mut commands: Vec<&Command> = finds.commands.iter().collect();
    commands.sort_by_key(|c| order[c.path.as_str()]);

    let mut out = String::from(
        "// Generated from the #[tauri::command] functions in src-tauri/ by\n\
         // src-tauri/src/command_bindings.rs. Do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p appraise bindings\n\n",
    );
    out.push_str("import type {\n");
    for name in &imports {
        out.push_str(&format!("  {name},\n"));
    }
    out.push_str("} from \"./bindings\";\n");
    out.push_str(
        "\n/**\n * Every command the window may invoke: the argument object, keyed as Tauri\n * expects, and what the command resolves to. A refusal rejects.\n */\nexport interface Commands {\n",
    );
    for c in commands {
        if !c.docs.is_empty() {
            out.push_str(&format!("  /** {} */\n", c.docs.join(" ")));
        }
        let args: Vec<String> = c.args.iter().map(|(k, t)| format!("{k}: {t}")).collect();
        let args = if args.is_empty() {
            "{}".to_string()
        } else {
            format!("{{ {} }}", args.join("; "))
        };
        out.push_str(&format!("  {}: {{ args: {args}; result: {} }};\n", c.name, c.result));
    }
    out.push_str("}\n\n/** Every event the shell sends the window, with its payload. */\nexport interface Events {\n");
    for (name, ty) in &finds.events {
        out.push_str(&format!("  \"{name}\": {ty};\n"));
    }
    out.push_str("}\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn committed_command_map_matches_the_rust_commands() {
        let generated = super::typescript().unwrap_or_else(|problems| panic!("{}", problems.join("\n")));
        let path = super::ui_lib().join("commands.ts");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).expect("write commands.ts");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "ui/src/lib/commands.ts is out of date with the #[tauri::command] signatures; run `UPDATE_BINDINGS=1 cargo test -p appraise bindings` and commit it"
        );
    }

    #[test]
    fn argument_keys_are_camel_case_as_tauri_sends_them() {
        assert_eq!(super::camel_case("signer_staff_number"), "signerStaffNumber");
        assert_eq!(super::camel_case("new"), "new", "a one-word name stays as it is");
    }
}
