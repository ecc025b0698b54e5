//! `reg new`: write a draft for an author to fill in: a skeleton for a new
//! name, or the latest version of an existing one with the next version.

use std::path::{Path, PathBuf};

use reg::registry::Registry;
use reg::{Error, Result};

use super::Ctx;

/// Write a DRAFT definition to fill in (it is not registered yet): a skeleton, or for a
/// name the registry has, its latest version with the next version number
///
/// In a registry, the file's first line points YAML editors at the bundled schema, kept in
/// .reg/schemas/ (never committed), so completion and checks work offline.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg new hubspot                   # hubspot.yaml: a skeleton to fill in\n  reg new stripe                    # stripe's latest version, as the next minor\n  reg new stripe -f - | less        # print it instead\n  reg validate hubspot.yaml && reg register hubspot.yaml"
)]
pub struct Args {
    /// Name of the integration (lowercase letters, digits and dashes)
    name: String,
    /// Where to write it (default: NAME.yaml; `-` prints it)
    #[arg(long, short = 'f')]
    file: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    reg::name::check(&args.name).map_err(|why| {
        let close = reg::name::suggest(&args.name);
        Error::usage(format!("invalid name: {why}"), None).suggesting(close)
    })?;
    let path = args
        .file
        .unwrap_or_else(|| PathBuf::from(format!("{}.yaml", args.name)));
    let to_stdout = path.as_os_str() == "-";
    // Outside a registry `new` still writes a skeleton; a broken one is an
    // error, as for every command.
    let registry = match ctx.registry() {
        Ok(r) => Some(r),
        Err(Error::NoRegistry { .. }) => None,
        Err(e) => return Err(e),
    };
    let (body, from) = match &registry {
        Some(r) => match reg::lifecycle::next_draft(r, &args.name)? {
            Some((text, latest)) => (text, Some(latest)),
            None => (reg::definition::Definition::skeleton(&args.name), None),
        },
        None => (reg::definition::Definition::skeleton(&args.name), None),
    };
    if !to_stdout && path.exists() {
        return Err(Error::conflict(
            "exists",
            format!("{} already exists", path.display()),
            vec![path.display().to_string()],
            Some("pass --file to write elsewhere".to_string()),
        ));
    }
    let text = match (&registry, to_stdout || ctx.write.dry_run) {
        (Some(r), false) => format!("{}{body}", modeline(ctx, r, &path)),
        _ => body,
    };
    if to_stdout {
        ctx.out(&text);
        return Ok(0);
    }
    if ctx.write.dry_run {
        ctx.note(&format!(
            "would write {} (dry run: nothing written):",
            path.display()
        ));
        ctx.out(&text);
        return Ok(0);
    }
    reg::store::write_atomic(&path, text.as_bytes())?;
    let what = match from {
        Some(latest) => format!("{} from {latest}", path.display()),
        None => path.display().to_string(),
    };
    ctx.note(&format!(
        "Wrote {what}: fill it in, then run `reg register {}`",
        path.display()
    ));
    Ok(0)
}

/// `# yaml-language-server: $schema=...` naming `.reg/schemas/` relative
/// to where the file is written, or nothing when `.reg/` cannot hold them.
fn modeline(ctx: &Ctx, registry: &Registry, path: &Path) -> String {
    let dir = match registry.editor_schemas() {
        Ok(dir) => dir,
        Err(e) => {
            ctx.warn(&format!(
                "cannot keep the editor schemas in .reg/schemas ({e}); `reg schema definition` prints it"
            ));
            return String::new();
        }
    };
    let schema = dir.join(reg::schema::Bundled::Definition.file_name());
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let shown = std::path::absolute(parent)
        .ok()
        .and_then(|p| p.canonicalize().ok())
        .and_then(|from| relative(&from, &schema))
        .unwrap_or(schema);
    format!("# yaml-language-server: $schema={}\n", shown.display())
}

/// `to` as seen from the folder `from` (both absolute): `../.reg/...`.
fn relative(from: &Path, to: &Path) -> Option<PathBuf> {
    let common = from
        .components()
        .zip(to.components())
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return None;
    }
    let mut out: PathBuf = from.components().skip(common).map(|_| "..").collect();
    out.extend(to.components().skip(common));
    Some(out)
}
