//! `reg search`: ranked text search.

use reg::Result;
use reg::discover::Sort;

use super::Ctx;
use super::list::Filters;

/// Search definitions by name, tags, category, title and description, best match first
///
/// Case- and accent-insensitive; words of five letters or more tolerate one typo.
/// `-o json` gives each hit's `score` and the rules it `matched`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg search payments\n  reg search 'crm oauth' --status PUBLISHED\n  reg search slak                   # one typo away still matches\n  reg search s3 -o json | jq -r '.items[].name'"
)]
pub struct Args {
    /// Words to look for
    query: String,
    #[command(flatten)]
    filters: Filters,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    if args.query.trim().is_empty() {
        return Err(reg::Error::usage(
            "search needs at least one word",
            Some("to see every definition, use `reg list`".to_string()),
        ));
    }
    let registry = ctx.registry()?;
    let query = args.filters.query(Sort::Name);
    let (hits, total, problems) = reg::search::search(&registry, &args.query, &query)?;
    for f in &problems.findings {
        ctx.warn(&format!("skipped {}: {}", f.file, f.message));
    }
    let doc = reg::render::Collection {
        total,
        offset: query.offset,
        limit: query.limit,
        items: hits.iter().collect(),
    };
    ctx.data(&doc, || reg::render::search_table(&hits, ctx.style));
    if total == 0 && ctx.format == reg::render::Format::Table {
        ctx.note(&format!("nothing matches `{}`", args.query));
    }
    ctx.paging(hits.len(), total, query.offset);
    Ok(0)
}
