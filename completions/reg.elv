
use builtin;
use str;

set edit:completion:arg-completer[reg] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'reg'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'reg'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create a registry: reg.yaml, the folders, a .gitignore for .reg/, and the first commit'
            cand new 'Write a DRAFT definition to fill in (it is not registered yet): a skeleton, or for a name the registry has, its latest version with the next version number'
            cand register 'Register definition files as DRAFT versions, one commit each'
            cand create 'Register definition files as DRAFT versions, one commit each'
            cand show 'Show one definition: `name` (latest usable), `name@1.2.3`, `name@^1.2` or an id'
            cand versions 'List every version of a definition with its status and dates'
            cand list 'List definitions: one row per name (its latest version), or every version'
            cand search 'Search definitions by name, tags, category, title and description, best match first'
            cand publish 'Publish a DRAFT version: its dependencies must resolve, with no cycle'
            cand deprecate 'Deprecate a PUBLISHED version: still usable, with a warning'
            cand archive 'Archive a PUBLISHED or DEPRECATED version no live instance or definition needs'
            cand delete 'Delete a DRAFT or ARCHIVED version nothing refers to (removes its file)'
            cand history 'Show the lifecycle events of a definition (one version, or every version of a name) or an instance'
            cand deps 'Show the resolved dependencies and schema references of a definition'
            cand refs 'Show the definitions and instances that use a version'
            cand validate 'Check every definition and instance (or the files and folders given) and report all problems'
            cand check 'Check what a change does to the registry: the files that differ from the base, validated and judged by the rules every command obeys'
            cand diff 'Classify the configSchema change from A to B: breaking, minor or patch, one line per change'
            cand config 'Check configuration documents against a definition''s configSchema'
            cand instance 'Configured uses of definitions: create, list, upgrade, configure, retire, ...'
            cand completions 'Print the completion script for a shell (the files under completions/ are these)'
            cand schema 'Print the JSON Schema of reg''s own files (definitions, instances, reg.yaml)'
            cand export 'Write a static, sparse JSON view of the registry for web servers and CDNs'
            cand man 'Write the man pages into DIR: reg.1, and reg-COMMAND.1 for each command'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'reg;init'= {
            cand --name 'Name of the registry, shown in messages'
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;new'= {
            cand -f 'Where to write it (default: NAME.yaml; `-` prints it)'
            cand --file 'Where to write it (default: NAME.yaml; `-` prints it)'
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;register'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand --replace 'Overwrite an existing version that is still a DRAFT'
            cand --strict 'Refuse warnings too (a minor change released as a patch)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;create'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand --replace 'Overwrite an existing version that is still a DRAFT'
            cand --strict 'Refuse warnings too (a minor change released as a patch)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;show'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand --expanded 'Print `configSchema` with its `reg:` references resolved (-o json/yaml): the self-contained schema configurations are validated against'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;versions'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;list'= {
            cand --status 'Keep rows in this state (repeatable)'
            cand --category 'Keep rows of this category'
            cand --tag 'Keep rows with this tag (repeatable; all must match)'
            cand --owner 'Keep rows of this owner'
            cand --name 'Keep names matching this glob (`slack*`)'
            cand --limit 'Rows per page'
            cand --offset 'Rows to skip'
            cand --sort 'Order of the rows'
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand --all-versions 'One row per version instead of one per name'
            cand --include-archived 'Show ARCHIVED rows too'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;search'= {
            cand --status 'Keep rows in this state (repeatable)'
            cand --category 'Keep rows of this category'
            cand --tag 'Keep rows with this tag (repeatable; all must match)'
            cand --owner 'Keep rows of this owner'
            cand --name 'Keep names matching this glob (`slack*`)'
            cand --limit 'Rows per page'
            cand --offset 'Rows to skip'
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand --all-versions 'One row per version instead of one per name'
            cand --include-archived 'Show ARCHIVED rows too'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;publish'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand --strict 'Refuse warnings too (a minor change released as a patch)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;deprecate'= {
            cand --reason 'Why it should no longer be used'
            cand --replaced-by 'The PUBLISHED version to use instead'
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;archive'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;delete'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;history'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand --instance 'Treat the reference as an instance name'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;deps'= {
            cand --depth 'How many levels to show'
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;refs'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;validate'= {
            cand --format 'Format of the findings (`-o json` means json)'
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand --strict 'Fail on warnings too (a minor change released as a patch, ...)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;check'= {
            cand --base 'What to compare with: REV (its merge base with HEAD), A...B or A..B'
            cand --format 'Format of the findings (`-o json` means json)'
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand --strict 'Fail on warnings too (a minor change released as a patch, ...)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;diff'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand --exit-code 'Exit 1 when B''s version is too small a bump for the change, or instances would fail'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;config'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand validate 'Validate a configuration document (YAML or JSON) against a definition''s configSchema'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'reg;config;validate'= {
            cand --format 'Format of the findings (`-o json` means json)'
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand --strict 'Fail on warnings too (a minor change released as a patch, ...)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;config;help'= {
            cand validate 'Validate a configuration document (YAML or JSON) against a definition''s configSchema'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'reg;config;help;validate'= {
        }
        &'reg;config;help;help'= {
        }
        &'reg;instance'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create an instance pinned to a PUBLISHED (or DEPRECATED) version, its config validated'
            cand show 'Show one instance (secret values are never printed)'
            cand list 'List instances'
            cand enable 'Enable a DISABLED instance'
            cand disable 'Disable an ACTIVE instance'
            cand retire 'Retire an instance (final; the file stays for audit)'
            cand upgrade 'Move an instance to another definition version its config satisfies'
            cand configure 'Replace an instance''s configuration, validated and secret-checked'
            cand delete 'Delete a RETIRED instance''s file'
            cand outdated 'List instances pinned below the newest usable version, with the migration notes between'
            cand history 'Show an instance''s lifecycle events'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'reg;instance;create'= {
            cand --definition 'The definition (`name`, `name@1.2.3`, `name@^1`, or an id); pinned to the exact version it resolves to'
            cand --config 'The configuration (YAML or JSON); `-` reads standard input'
            cand --label 'A label (repeatable)'
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;instance;show'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;instance;list'= {
            cand --definition 'Keep instances pinned to versions this reference names (a name, a range or an exact version)'
            cand --status 'Keep instances in this state'
            cand --label 'Keep instances with this label (repeatable; all must match)'
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;instance;enable'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;instance;disable'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;instance;retire'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;instance;upgrade'= {
            cand --to 'The new definition version (`name@2.0.0`, `name@^2`, ...)'
            cand --config 'A new configuration for it (YAML or JSON); `-` reads standard input'
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand --switch-definition 'Allow moving to another integration''s definition'
            cand --allow-downgrade 'Allow moving to a lower version'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;instance;configure'= {
            cand --config 'The configuration (YAML or JSON); `-` reads standard input'
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;instance;delete'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;instance;outdated'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand --fail-after-deadline 'Exit 1 when the deadline of a migration an instance has not made has passed'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;instance;history'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;instance;help'= {
            cand create 'Create an instance pinned to a PUBLISHED (or DEPRECATED) version, its config validated'
            cand show 'Show one instance (secret values are never printed)'
            cand list 'List instances'
            cand enable 'Enable a DISABLED instance'
            cand disable 'Disable an ACTIVE instance'
            cand retire 'Retire an instance (final; the file stays for audit)'
            cand upgrade 'Move an instance to another definition version its config satisfies'
            cand configure 'Replace an instance''s configuration, validated and secret-checked'
            cand delete 'Delete a RETIRED instance''s file'
            cand outdated 'List instances pinned below the newest usable version, with the migration notes between'
            cand history 'Show an instance''s lifecycle events'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'reg;instance;help;create'= {
        }
        &'reg;instance;help;show'= {
        }
        &'reg;instance;help;list'= {
        }
        &'reg;instance;help;enable'= {
        }
        &'reg;instance;help;disable'= {
        }
        &'reg;instance;help;retire'= {
        }
        &'reg;instance;help;upgrade'= {
        }
        &'reg;instance;help;configure'= {
        }
        &'reg;instance;help;delete'= {
        }
        &'reg;instance;help;outdated'= {
        }
        &'reg;instance;help;history'= {
        }
        &'reg;instance;help;help'= {
        }
        &'reg;completions'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;schema'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;export'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand --instances 'Export instances too (secrets stay references, never values)'
            cand --check 'Write nothing; exit 1 when DIR is not what export would write now'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;man'= {
            cand -o 'Output format of read commands'
            cand --output 'Output format of read commands'
            cand --color 'When to use colors (NO_COLOR is respected)'
            cand --lock-timeout 'Seconds to wait for another reg writing to the same registry'
            cand --registry 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand --no-commit 'Write the files but stage and commit nothing'
            cand --dry-run 'Check everything a write checks and print what it would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'reg;help'= {
            cand init 'Create a registry: reg.yaml, the folders, a .gitignore for .reg/, and the first commit'
            cand new 'Write a DRAFT definition to fill in (it is not registered yet): a skeleton, or for a name the registry has, its latest version with the next version number'
            cand register 'Register definition files as DRAFT versions, one commit each'
            cand show 'Show one definition: `name` (latest usable), `name@1.2.3`, `name@^1.2` or an id'
            cand versions 'List every version of a definition with its status and dates'
            cand list 'List definitions: one row per name (its latest version), or every version'
            cand search 'Search definitions by name, tags, category, title and description, best match first'
            cand publish 'Publish a DRAFT version: its dependencies must resolve, with no cycle'
            cand deprecate 'Deprecate a PUBLISHED version: still usable, with a warning'
            cand archive 'Archive a PUBLISHED or DEPRECATED version no live instance or definition needs'
            cand delete 'Delete a DRAFT or ARCHIVED version nothing refers to (removes its file)'
            cand history 'Show the lifecycle events of a definition (one version, or every version of a name) or an instance'
            cand deps 'Show the resolved dependencies and schema references of a definition'
            cand refs 'Show the definitions and instances that use a version'
            cand validate 'Check every definition and instance (or the files and folders given) and report all problems'
            cand check 'Check what a change does to the registry: the files that differ from the base, validated and judged by the rules every command obeys'
            cand diff 'Classify the configSchema change from A to B: breaking, minor or patch, one line per change'
            cand config 'Check configuration documents against a definition''s configSchema'
            cand instance 'Configured uses of definitions: create, list, upgrade, configure, retire, ...'
            cand completions 'Print the completion script for a shell (the files under completions/ are these)'
            cand schema 'Print the JSON Schema of reg''s own files (definitions, instances, reg.yaml)'
            cand export 'Write a static, sparse JSON view of the registry for web servers and CDNs'
            cand man 'Write the man pages into DIR: reg.1, and reg-COMMAND.1 for each command'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'reg;help;init'= {
        }
        &'reg;help;new'= {
        }
        &'reg;help;register'= {
        }
        &'reg;help;show'= {
        }
        &'reg;help;versions'= {
        }
        &'reg;help;list'= {
        }
        &'reg;help;search'= {
        }
        &'reg;help;publish'= {
        }
        &'reg;help;deprecate'= {
        }
        &'reg;help;archive'= {
        }
        &'reg;help;delete'= {
        }
        &'reg;help;history'= {
        }
        &'reg;help;deps'= {
        }
        &'reg;help;refs'= {
        }
        &'reg;help;validate'= {
        }
        &'reg;help;check'= {
        }
        &'reg;help;diff'= {
        }
        &'reg;help;config'= {
            cand validate 'Validate a configuration document (YAML or JSON) against a definition''s configSchema'
        }
        &'reg;help;config;validate'= {
        }
        &'reg;help;instance'= {
            cand create 'Create an instance pinned to a PUBLISHED (or DEPRECATED) version, its config validated'
            cand show 'Show one instance (secret values are never printed)'
            cand list 'List instances'
            cand enable 'Enable a DISABLED instance'
            cand disable 'Disable an ACTIVE instance'
            cand retire 'Retire an instance (final; the file stays for audit)'
            cand upgrade 'Move an instance to another definition version its config satisfies'
            cand configure 'Replace an instance''s configuration, validated and secret-checked'
            cand delete 'Delete a RETIRED instance''s file'
            cand outdated 'List instances pinned below the newest usable version, with the migration notes between'
            cand history 'Show an instance''s lifecycle events'
        }
        &'reg;help;instance;create'= {
        }
        &'reg;help;instance;show'= {
        }
        &'reg;help;instance;list'= {
        }
        &'reg;help;instance;enable'= {
        }
        &'reg;help;instance;disable'= {
        }
        &'reg;help;instance;retire'= {
        }
        &'reg;help;instance;upgrade'= {
        }
        &'reg;help;instance;configure'= {
        }
        &'reg;help;instance;delete'= {
        }
        &'reg;help;instance;outdated'= {
        }
        &'reg;help;instance;history'= {
        }
        &'reg;help;completions'= {
        }
        &'reg;help;schema'= {
        }
        &'reg;help;export'= {
        }
        &'reg;help;man'= {
        }
        &'reg;help;help'= {
        }
    ]
    $completions[$command]
}
