
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'reg' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'reg'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'reg' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a registry: reg.yaml, the folders, a .gitignore for .reg/, and the first commit')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a DRAFT definition to fill in (it is not registered yet): a skeleton, or for a name the registry has, its latest version with the next version number')
            [CompletionResult]::new('register', 'register', [CompletionResultType]::ParameterValue, 'Register definition files as DRAFT versions, one commit each')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Register definition files as DRAFT versions, one commit each')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one definition: `name` (latest usable), `name@1.2.3`, `name@^1.2` or an id')
            [CompletionResult]::new('versions', 'versions', [CompletionResultType]::ParameterValue, 'List every version of a definition with its status and dates')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List definitions: one row per name (its latest version), or every version')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search definitions by name, tags, category, title and description, best match first')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Publish a DRAFT version: its dependencies must resolve, with no cycle')
            [CompletionResult]::new('deprecate', 'deprecate', [CompletionResultType]::ParameterValue, 'Deprecate a PUBLISHED version: still usable, with a warning')
            [CompletionResult]::new('archive', 'archive', [CompletionResultType]::ParameterValue, 'Archive a PUBLISHED or DEPRECATED version no live instance or definition needs')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a DRAFT or ARCHIVED version nothing refers to (removes its file)')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the lifecycle events of a definition (one version, or every version of a name) or an instance')
            [CompletionResult]::new('deps', 'deps', [CompletionResultType]::ParameterValue, 'Show the resolved dependencies and schema references of a definition')
            [CompletionResult]::new('refs', 'refs', [CompletionResultType]::ParameterValue, 'Show the definitions and instances that use a version')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check every definition and instance (or the files and folders given) and report all problems')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check what a change does to the registry: the files that differ from the base, validated and judged by the rules every command obeys')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Classify the configSchema change from A to B: breaking, minor or patch, one line per change')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Check configuration documents against a definition''s configSchema')
            [CompletionResult]::new('instance', 'instance', [CompletionResultType]::ParameterValue, 'Configured uses of definitions: create, list, upgrade, configure, retire, ...')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell (the files under completions/ are these)')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of reg''s own files (definitions, instances, reg.yaml)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a static, sparse JSON view of the registry for web servers and CDNs')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write the man pages into DIR: reg.1, and reg-COMMAND.1 for each command')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'reg;init' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the registry, shown in messages')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;new' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Where to write it (default: NAME.yaml; `-` prints it)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Where to write it (default: NAME.yaml; `-` prints it)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;register' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Overwrite an existing version that is still a DRAFT')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse warnings too (a minor change released as a patch)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;create' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Overwrite an existing version that is still a DRAFT')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse warnings too (a minor change released as a patch)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;show' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('--expanded', '--expanded', [CompletionResultType]::ParameterName, 'Print `configSchema` with its `reg:` references resolved (-o json/yaml): the self-contained schema configurations are validated against')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;versions' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Keep rows in this state (repeatable)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Keep rows of this category')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Keep rows with this tag (repeatable; all must match)')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Keep rows of this owner')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Keep names matching this glob (`slack*`)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Rows per page')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Rows to skip')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Order of the rows')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('--all-versions', '--all-versions', [CompletionResultType]::ParameterName, 'One row per version instead of one per name')
            [CompletionResult]::new('--include-archived', '--include-archived', [CompletionResultType]::ParameterName, 'Show ARCHIVED rows too')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;search' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Keep rows in this state (repeatable)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Keep rows of this category')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Keep rows with this tag (repeatable; all must match)')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Keep rows of this owner')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Keep names matching this glob (`slack*`)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Rows per page')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Rows to skip')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('--all-versions', '--all-versions', [CompletionResultType]::ParameterName, 'One row per version instead of one per name')
            [CompletionResult]::new('--include-archived', '--include-archived', [CompletionResultType]::ParameterName, 'Show ARCHIVED rows too')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;publish' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse warnings too (a minor change released as a patch)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;deprecate' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why it should no longer be used')
            [CompletionResult]::new('--replaced-by', '--replaced-by', [CompletionResultType]::ParameterName, 'The PUBLISHED version to use instead')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;archive' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;delete' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;history' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Treat the reference as an instance name')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;deps' {
            [CompletionResult]::new('--depth', '--depth', [CompletionResultType]::ParameterName, 'How many levels to show')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;refs' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;validate' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format of the findings (`-o json` means json)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail on warnings too (a minor change released as a patch, ...)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;check' {
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'What to compare with: REV (its merge base with HEAD), A...B or A..B')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format of the findings (`-o json` means json)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail on warnings too (a minor change released as a patch, ...)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;diff' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('--exit-code', '--exit-code', [CompletionResultType]::ParameterName, 'Exit 1 when B''s version is too small a bump for the change, or instances would fail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;config' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Validate a configuration document (YAML or JSON) against a definition''s configSchema')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'reg;config;validate' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format of the findings (`-o json` means json)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail on warnings too (a minor change released as a patch, ...)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;config;help' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Validate a configuration document (YAML or JSON) against a definition''s configSchema')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'reg;config;help;validate' {
            break
        }
        'reg;config;help;help' {
            break
        }
        'reg;instance' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an instance pinned to a PUBLISHED (or DEPRECATED) version, its config validated')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one instance (secret values are never printed)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List instances')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a DISABLED instance')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable an ACTIVE instance')
            [CompletionResult]::new('retire', 'retire', [CompletionResultType]::ParameterValue, 'Retire an instance (final; the file stays for audit)')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Move an instance to another definition version its config satisfies')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Replace an instance''s configuration, validated and secret-checked')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a RETIRED instance''s file')
            [CompletionResult]::new('outdated', 'outdated', [CompletionResultType]::ParameterValue, 'List instances pinned below the newest usable version, with the migration notes between')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show an instance''s lifecycle events')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'reg;instance;create' {
            [CompletionResult]::new('--definition', '--definition', [CompletionResultType]::ParameterName, 'The definition (`name`, `name@1.2.3`, `name@^1`, or an id); pinned to the exact version it resolves to')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration (YAML or JSON); `-` reads standard input')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'A label (repeatable)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;instance;show' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;instance;list' {
            [CompletionResult]::new('--definition', '--definition', [CompletionResultType]::ParameterName, 'Keep instances pinned to versions this reference names (a name, a range or an exact version)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Keep instances in this state')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Keep instances with this label (repeatable; all must match)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;instance;enable' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;instance;disable' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;instance;retire' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;instance;upgrade' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The new definition version (`name@2.0.0`, `name@^2`, ...)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'A new configuration for it (YAML or JSON); `-` reads standard input')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('--switch-definition', '--switch-definition', [CompletionResultType]::ParameterName, 'Allow moving to another integration''s definition')
            [CompletionResult]::new('--allow-downgrade', '--allow-downgrade', [CompletionResultType]::ParameterName, 'Allow moving to a lower version')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;instance;configure' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration (YAML or JSON); `-` reads standard input')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;instance;delete' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;instance;outdated' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('--fail-after-deadline', '--fail-after-deadline', [CompletionResultType]::ParameterName, 'Exit 1 when the deadline of a migration an instance has not made has passed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;instance;history' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;instance;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an instance pinned to a PUBLISHED (or DEPRECATED) version, its config validated')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one instance (secret values are never printed)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List instances')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a DISABLED instance')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable an ACTIVE instance')
            [CompletionResult]::new('retire', 'retire', [CompletionResultType]::ParameterValue, 'Retire an instance (final; the file stays for audit)')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Move an instance to another definition version its config satisfies')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Replace an instance''s configuration, validated and secret-checked')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a RETIRED instance''s file')
            [CompletionResult]::new('outdated', 'outdated', [CompletionResultType]::ParameterValue, 'List instances pinned below the newest usable version, with the migration notes between')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show an instance''s lifecycle events')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'reg;instance;help;create' {
            break
        }
        'reg;instance;help;show' {
            break
        }
        'reg;instance;help;list' {
            break
        }
        'reg;instance;help;enable' {
            break
        }
        'reg;instance;help;disable' {
            break
        }
        'reg;instance;help;retire' {
            break
        }
        'reg;instance;help;upgrade' {
            break
        }
        'reg;instance;help;configure' {
            break
        }
        'reg;instance;help;delete' {
            break
        }
        'reg;instance;help;outdated' {
            break
        }
        'reg;instance;help;history' {
            break
        }
        'reg;instance;help;help' {
            break
        }
        'reg;completions' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;schema' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;export' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('--instances', '--instances', [CompletionResultType]::ParameterName, 'Export instances too (secrets stay references, never values)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Write nothing; exit 1 when DIR is not what export would write now')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;man' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of read commands')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is respected)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another reg writing to the same registry')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Write the files but stage and commit nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything a write checks and print what it would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'reg;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a registry: reg.yaml, the folders, a .gitignore for .reg/, and the first commit')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a DRAFT definition to fill in (it is not registered yet): a skeleton, or for a name the registry has, its latest version with the next version number')
            [CompletionResult]::new('register', 'register', [CompletionResultType]::ParameterValue, 'Register definition files as DRAFT versions, one commit each')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one definition: `name` (latest usable), `name@1.2.3`, `name@^1.2` or an id')
            [CompletionResult]::new('versions', 'versions', [CompletionResultType]::ParameterValue, 'List every version of a definition with its status and dates')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List definitions: one row per name (its latest version), or every version')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search definitions by name, tags, category, title and description, best match first')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Publish a DRAFT version: its dependencies must resolve, with no cycle')
            [CompletionResult]::new('deprecate', 'deprecate', [CompletionResultType]::ParameterValue, 'Deprecate a PUBLISHED version: still usable, with a warning')
            [CompletionResult]::new('archive', 'archive', [CompletionResultType]::ParameterValue, 'Archive a PUBLISHED or DEPRECATED version no live instance or definition needs')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a DRAFT or ARCHIVED version nothing refers to (removes its file)')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the lifecycle events of a definition (one version, or every version of a name) or an instance')
            [CompletionResult]::new('deps', 'deps', [CompletionResultType]::ParameterValue, 'Show the resolved dependencies and schema references of a definition')
            [CompletionResult]::new('refs', 'refs', [CompletionResultType]::ParameterValue, 'Show the definitions and instances that use a version')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check every definition and instance (or the files and folders given) and report all problems')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check what a change does to the registry: the files that differ from the base, validated and judged by the rules every command obeys')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Classify the configSchema change from A to B: breaking, minor or patch, one line per change')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Check configuration documents against a definition''s configSchema')
            [CompletionResult]::new('instance', 'instance', [CompletionResultType]::ParameterValue, 'Configured uses of definitions: create, list, upgrade, configure, retire, ...')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell (the files under completions/ are these)')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of reg''s own files (definitions, instances, reg.yaml)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a static, sparse JSON view of the registry for web servers and CDNs')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write the man pages into DIR: reg.1, and reg-COMMAND.1 for each command')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'reg;help;init' {
            break
        }
        'reg;help;new' {
            break
        }
        'reg;help;register' {
            break
        }
        'reg;help;show' {
            break
        }
        'reg;help;versions' {
            break
        }
        'reg;help;list' {
            break
        }
        'reg;help;search' {
            break
        }
        'reg;help;publish' {
            break
        }
        'reg;help;deprecate' {
            break
        }
        'reg;help;archive' {
            break
        }
        'reg;help;delete' {
            break
        }
        'reg;help;history' {
            break
        }
        'reg;help;deps' {
            break
        }
        'reg;help;refs' {
            break
        }
        'reg;help;validate' {
            break
        }
        'reg;help;check' {
            break
        }
        'reg;help;diff' {
            break
        }
        'reg;help;config' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Validate a configuration document (YAML or JSON) against a definition''s configSchema')
            break
        }
        'reg;help;config;validate' {
            break
        }
        'reg;help;instance' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an instance pinned to a PUBLISHED (or DEPRECATED) version, its config validated')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one instance (secret values are never printed)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List instances')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a DISABLED instance')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable an ACTIVE instance')
            [CompletionResult]::new('retire', 'retire', [CompletionResultType]::ParameterValue, 'Retire an instance (final; the file stays for audit)')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Move an instance to another definition version its config satisfies')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Replace an instance''s configuration, validated and secret-checked')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a RETIRED instance''s file')
            [CompletionResult]::new('outdated', 'outdated', [CompletionResultType]::ParameterValue, 'List instances pinned below the newest usable version, with the migration notes between')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show an instance''s lifecycle events')
            break
        }
        'reg;help;instance;create' {
            break
        }
        'reg;help;instance;show' {
            break
        }
        'reg;help;instance;list' {
            break
        }
        'reg;help;instance;enable' {
            break
        }
        'reg;help;instance;disable' {
            break
        }
        'reg;help;instance;retire' {
            break
        }
        'reg;help;instance;upgrade' {
            break
        }
        'reg;help;instance;configure' {
            break
        }
        'reg;help;instance;delete' {
            break
        }
        'reg;help;instance;outdated' {
            break
        }
        'reg;help;instance;history' {
            break
        }
        'reg;help;completions' {
            break
        }
        'reg;help;schema' {
            break
        }
        'reg;help;export' {
            break
        }
        'reg;help;man' {
            break
        }
        'reg;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
