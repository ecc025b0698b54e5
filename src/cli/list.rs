//! `reg list`: definitions, filtered, sorted and paged.

use reg::Result;
use reg::definition::Status;
use reg::discover::{Query, Sort};

use super::Ctx;

/// List definitions: one row per name (its latest version), or every version
///
/// ARCHIVED versions are hidden unless --include-archived or --status ARCHIVED.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reg list\n  reg list --status PUBLISHED --category payments\n  reg list --tag oauth --sort updated --limit 10\n  reg list --all-versions --include-archived -o json"
)]
pub struct Args {
    #[command(flatten)]
    filters: Filters,
    /// Order of the rows
    #[arg(long, value_enum, default_value_t = SortArg::Name)]
    sort: SortArg,
}

/// Filters and paging shared by `list` and `search`.
#[derive(Debug, clap::Args)]
pub struct Filters {
    /// One row per version instead of one per name
    #[arg(long)]
    all_versions: bool,
    /// Show ARCHIVED rows too
    #[arg(long)]
    include_archived: bool,
    /// Keep rows in this state (repeatable)
    #[arg(long, value_parser = parse_status)]
    status: Vec<Status>,
    /// Keep rows of this category
    #[arg(long)]
    category: Option<String>,
    /// Keep rows with this tag (repeatable; all must match)
    #[arg(long)]
    tag: Vec<String>,
    /// Keep rows of this owner
    #[arg(long)]
    owner: Option<String>,
    /// Keep names matching this glob (`slack*`)
    #[arg(long, value_name = "GLOB")]
    name: Option<String>,
    /// Rows per page
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Rows to skip
    #[arg(long, default_value_t = 0)]
    offset: usize,
}

impl Filters {
    /// The domain query these arguments ask for.
    pub fn query(self, sort: Sort) -> Query {
        Query {
            all_versions: self.all_versions,
            include_archived: self.include_archived,
            statuses: self.status,
            category: self.category,
            tags: self.tag,
            owner: self.owner,
            name: self.name,
            sort,
            limit: self.limit,
            offset: self.offset,
        }
    }
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum SortArg {
    Name,
    Updated,
    Version,
}

fn parse_status(s: &str) -> std::result::Result<Status, String> {
    s.parse()
}

pub fn run(ctx: &Ctx, args: Args) -> Result<u8> {
    let registry = ctx.registry()?;
    let query = args.filters.query(match args.sort {
        SortArg::Name => Sort::Name,
        SortArg::Updated => Sort::Updated,
        SortArg::Version => Sort::Version,
    });
    let (page, problems) = reg::discover::list(&registry, &query)?;
    for f in &problems.findings {
        ctx.warn(&format!("skipped {}: {}", f.file, f.message));
    }
    let doc = reg::render::Collection {
        total: page.total,
        offset: query.offset,
        limit: query.limit,
        items: page.rows.iter().map(|r| r.definition.to_json()).collect(),
    };
    ctx.data(&doc, || {
        if page.rows.is_empty() {
            String::new()
        } else {
            reg::render::list_table(&page.rows, ctx.style)
        }
    });
    if page.total == 0 && ctx.format == reg::render::Format::Table {
        ctx.note("no definitions match");
    }
    ctx.paging(page.rows.len(), page.total, query.offset);
    Ok(0)
}
