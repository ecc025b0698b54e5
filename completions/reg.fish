# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_reg_global_optspecs
    string join \n o/output= color= q/quiet no-commit dry-run lock-timeout= registry= h/help V/version
end

function __fish_reg_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_reg_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_reg_using_subcommand
    set -l cmd (__fish_reg_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c reg -n "__fish_reg_needs_command" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_needs_command" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_needs_command" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_needs_command" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_needs_command" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_needs_command" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_needs_command" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_needs_command" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_needs_command" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_needs_command" -f -a "init" -d 'Create a registry: reg.yaml, the folders, a .gitignore for .reg/, and the first commit'
complete -c reg -n "__fish_reg_needs_command" -f -a "new" -d 'Write a DRAFT definition to fill in (it is not registered yet): a skeleton, or for a name the registry has, its latest version with the next version number'
complete -c reg -n "__fish_reg_needs_command" -f -a "register" -d 'Register definition files as DRAFT versions, one commit each'
complete -c reg -n "__fish_reg_needs_command" -f -a "create" -d 'Register definition files as DRAFT versions, one commit each'
complete -c reg -n "__fish_reg_needs_command" -f -a "show" -d 'Show one definition: `name` (latest usable), `name@1.2.3`, `name@^1.2` or an id'
complete -c reg -n "__fish_reg_needs_command" -f -a "versions" -d 'List every version of a definition with its status and dates'
complete -c reg -n "__fish_reg_needs_command" -f -a "list" -d 'List definitions: one row per name (its latest version), or every version'
complete -c reg -n "__fish_reg_needs_command" -f -a "search" -d 'Search definitions by name, tags, category, title and description, best match first'
complete -c reg -n "__fish_reg_needs_command" -f -a "publish" -d 'Publish a DRAFT version: its dependencies must resolve, with no cycle'
complete -c reg -n "__fish_reg_needs_command" -f -a "deprecate" -d 'Deprecate a PUBLISHED version: still usable, with a warning'
complete -c reg -n "__fish_reg_needs_command" -f -a "archive" -d 'Archive a PUBLISHED or DEPRECATED version no live instance or definition needs'
complete -c reg -n "__fish_reg_needs_command" -f -a "delete" -d 'Delete a DRAFT or ARCHIVED version nothing refers to (removes its file)'
complete -c reg -n "__fish_reg_needs_command" -f -a "history" -d 'Show the lifecycle events of a definition (one version, or every version of a name) or an instance'
complete -c reg -n "__fish_reg_needs_command" -f -a "deps" -d 'Show the resolved dependencies and schema references of a definition'
complete -c reg -n "__fish_reg_needs_command" -f -a "refs" -d 'Show the definitions and instances that use a version'
complete -c reg -n "__fish_reg_needs_command" -f -a "validate" -d 'Check every definition and instance (or the files and folders given) and report all problems'
complete -c reg -n "__fish_reg_needs_command" -f -a "check" -d 'Check what a change does to the registry: the files that differ from the base, validated and judged by the rules every command obeys'
complete -c reg -n "__fish_reg_needs_command" -f -a "diff" -d 'Classify the configSchema change from A to B: breaking, minor or patch, one line per change'
complete -c reg -n "__fish_reg_needs_command" -f -a "config" -d 'Check configuration documents against a definition\'s configSchema'
complete -c reg -n "__fish_reg_needs_command" -f -a "instance" -d 'Configured uses of definitions: create, list, upgrade, configure, retire, ...'
complete -c reg -n "__fish_reg_needs_command" -f -a "completions" -d 'Print the completion script for a shell (the files under completions/ are these)'
complete -c reg -n "__fish_reg_needs_command" -f -a "schema" -d 'Print the JSON Schema of reg\'s own files (definitions, instances, reg.yaml)'
complete -c reg -n "__fish_reg_needs_command" -f -a "export" -d 'Write a static, sparse JSON view of the registry for web servers and CDNs'
complete -c reg -n "__fish_reg_needs_command" -f -a "man" -d 'Write the man pages into DIR: reg.1, and reg-COMMAND.1 for each command'
complete -c reg -n "__fish_reg_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c reg -n "__fish_reg_using_subcommand init" -l name -d 'Name of the registry, shown in messages' -r
complete -c reg -n "__fish_reg_using_subcommand init" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand init" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand init" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand init" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand init" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand init" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand init" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c reg -n "__fish_reg_using_subcommand init" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand new" -s f -l file -d 'Where to write it (default: NAME.yaml; `-` prints it)' -r -F
complete -c reg -n "__fish_reg_using_subcommand new" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand new" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand new" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand new" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand new" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand new" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand new" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c reg -n "__fish_reg_using_subcommand new" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand register" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand register" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand register" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand register" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand register" -l replace -d 'Overwrite an existing version that is still a DRAFT'
complete -c reg -n "__fish_reg_using_subcommand register" -l strict -d 'Refuse warnings too (a minor change released as a patch)'
complete -c reg -n "__fish_reg_using_subcommand register" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand register" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand register" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand register" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c reg -n "__fish_reg_using_subcommand register" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand create" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand create" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand create" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand create" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand create" -l replace -d 'Overwrite an existing version that is still a DRAFT'
complete -c reg -n "__fish_reg_using_subcommand create" -l strict -d 'Refuse warnings too (a minor change released as a patch)'
complete -c reg -n "__fish_reg_using_subcommand create" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand create" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand create" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c reg -n "__fish_reg_using_subcommand create" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand show" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand show" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand show" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand show" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand show" -l expanded -d 'Print `configSchema` with its `reg:` references resolved (-o json/yaml): the self-contained schema configurations are validated against'
complete -c reg -n "__fish_reg_using_subcommand show" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand show" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand show" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand show" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand show" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand versions" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand versions" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand versions" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand versions" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand versions" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand versions" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand versions" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand versions" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand versions" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand list" -l status -d 'Keep rows in this state (repeatable)' -r
complete -c reg -n "__fish_reg_using_subcommand list" -l category -d 'Keep rows of this category' -r
complete -c reg -n "__fish_reg_using_subcommand list" -l tag -d 'Keep rows with this tag (repeatable; all must match)' -r
complete -c reg -n "__fish_reg_using_subcommand list" -l owner -d 'Keep rows of this owner' -r
complete -c reg -n "__fish_reg_using_subcommand list" -l name -d 'Keep names matching this glob (`slack*`)' -r
complete -c reg -n "__fish_reg_using_subcommand list" -l limit -d 'Rows per page' -r
complete -c reg -n "__fish_reg_using_subcommand list" -l offset -d 'Rows to skip' -r
complete -c reg -n "__fish_reg_using_subcommand list" -l sort -d 'Order of the rows' -r -f -a "name\t''
updated\t''
version\t''"
complete -c reg -n "__fish_reg_using_subcommand list" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand list" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand list" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand list" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand list" -l all-versions -d 'One row per version instead of one per name'
complete -c reg -n "__fish_reg_using_subcommand list" -l include-archived -d 'Show ARCHIVED rows too'
complete -c reg -n "__fish_reg_using_subcommand list" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand list" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand list" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c reg -n "__fish_reg_using_subcommand list" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand search" -l status -d 'Keep rows in this state (repeatable)' -r
complete -c reg -n "__fish_reg_using_subcommand search" -l category -d 'Keep rows of this category' -r
complete -c reg -n "__fish_reg_using_subcommand search" -l tag -d 'Keep rows with this tag (repeatable; all must match)' -r
complete -c reg -n "__fish_reg_using_subcommand search" -l owner -d 'Keep rows of this owner' -r
complete -c reg -n "__fish_reg_using_subcommand search" -l name -d 'Keep names matching this glob (`slack*`)' -r
complete -c reg -n "__fish_reg_using_subcommand search" -l limit -d 'Rows per page' -r
complete -c reg -n "__fish_reg_using_subcommand search" -l offset -d 'Rows to skip' -r
complete -c reg -n "__fish_reg_using_subcommand search" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand search" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand search" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand search" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand search" -l all-versions -d 'One row per version instead of one per name'
complete -c reg -n "__fish_reg_using_subcommand search" -l include-archived -d 'Show ARCHIVED rows too'
complete -c reg -n "__fish_reg_using_subcommand search" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand search" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand search" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c reg -n "__fish_reg_using_subcommand search" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand publish" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand publish" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand publish" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand publish" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand publish" -l strict -d 'Refuse warnings too (a minor change released as a patch)'
complete -c reg -n "__fish_reg_using_subcommand publish" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand publish" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand publish" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand publish" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand publish" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand deprecate" -l reason -d 'Why it should no longer be used' -r
complete -c reg -n "__fish_reg_using_subcommand deprecate" -l replaced-by -d 'The PUBLISHED version to use instead' -r
complete -c reg -n "__fish_reg_using_subcommand deprecate" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand deprecate" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand deprecate" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand deprecate" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand deprecate" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand deprecate" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand deprecate" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand deprecate" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand deprecate" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand archive" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand archive" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand archive" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand archive" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand archive" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand archive" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand archive" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand archive" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand archive" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand delete" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand delete" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand delete" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand delete" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand delete" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand delete" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand delete" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand delete" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand delete" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand history" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand history" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand history" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand history" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand history" -l instance -d 'Treat the reference as an instance name'
complete -c reg -n "__fish_reg_using_subcommand history" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand history" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand history" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand history" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand history" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand deps" -l depth -d 'How many levels to show' -r
complete -c reg -n "__fish_reg_using_subcommand deps" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand deps" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand deps" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand deps" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand deps" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand deps" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand deps" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand deps" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand deps" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand refs" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand refs" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand refs" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand refs" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand refs" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand refs" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand refs" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand refs" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand refs" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand validate" -l format -d 'Format of the findings (`-o json` means json)' -r -f -a "human\t'The source line with the value underlined'
json\t'The findings as one JSON document (as `-o json`)'
github\t'GitHub Actions annotations on the pull request'
sarif\t'SARIF 2.1.0, for code scanning'
gitlab\t'GitLab\'s Code Quality report'"
complete -c reg -n "__fish_reg_using_subcommand validate" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand validate" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand validate" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand validate" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand validate" -l strict -d 'Fail on warnings too (a minor change released as a patch, ...)'
complete -c reg -n "__fish_reg_using_subcommand validate" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand validate" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand validate" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c reg -n "__fish_reg_using_subcommand validate" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand check" -l base -d 'What to compare with: REV (its merge base with HEAD), A...B or A..B' -r
complete -c reg -n "__fish_reg_using_subcommand check" -l format -d 'Format of the findings (`-o json` means json)' -r -f -a "human\t'The source line with the value underlined'
json\t'The findings as one JSON document (as `-o json`)'
github\t'GitHub Actions annotations on the pull request'
sarif\t'SARIF 2.1.0, for code scanning'
gitlab\t'GitLab\'s Code Quality report'"
complete -c reg -n "__fish_reg_using_subcommand check" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand check" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand check" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand check" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand check" -l strict -d 'Fail on warnings too (a minor change released as a patch, ...)'
complete -c reg -n "__fish_reg_using_subcommand check" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand check" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand check" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c reg -n "__fish_reg_using_subcommand check" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand diff" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand diff" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand diff" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand diff" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand diff" -l exit-code -d 'Exit 1 when B\'s version is too small a bump for the change, or instances would fail'
complete -c reg -n "__fish_reg_using_subcommand diff" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand diff" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand diff" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c reg -n "__fish_reg_using_subcommand diff" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand config; and not __fish_seen_subcommand_from validate help" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand config; and not __fish_seen_subcommand_from validate help" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand config; and not __fish_seen_subcommand_from validate help" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand config; and not __fish_seen_subcommand_from validate help" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand config; and not __fish_seen_subcommand_from validate help" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand config; and not __fish_seen_subcommand_from validate help" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand config; and not __fish_seen_subcommand_from validate help" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand config; and not __fish_seen_subcommand_from validate help" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand config; and not __fish_seen_subcommand_from validate help" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand config; and not __fish_seen_subcommand_from validate help" -f -a "validate" -d 'Validate a configuration document (YAML or JSON) against a definition\'s configSchema'
complete -c reg -n "__fish_reg_using_subcommand config; and not __fish_seen_subcommand_from validate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c reg -n "__fish_reg_using_subcommand config; and __fish_seen_subcommand_from validate" -l format -d 'Format of the findings (`-o json` means json)' -r -f -a "human\t'The source line with the value underlined'
json\t'The findings as one JSON document (as `-o json`)'
github\t'GitHub Actions annotations on the pull request'
sarif\t'SARIF 2.1.0, for code scanning'
gitlab\t'GitLab\'s Code Quality report'"
complete -c reg -n "__fish_reg_using_subcommand config; and __fish_seen_subcommand_from validate" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand config; and __fish_seen_subcommand_from validate" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand config; and __fish_seen_subcommand_from validate" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand config; and __fish_seen_subcommand_from validate" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand config; and __fish_seen_subcommand_from validate" -l strict -d 'Fail on warnings too (a minor change released as a patch, ...)'
complete -c reg -n "__fish_reg_using_subcommand config; and __fish_seen_subcommand_from validate" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand config; and __fish_seen_subcommand_from validate" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand config; and __fish_seen_subcommand_from validate" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand config; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c reg -n "__fish_reg_using_subcommand config; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Validate a configuration document (YAML or JSON) against a definition\'s configSchema'
complete -c reg -n "__fish_reg_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -f -a "create" -d 'Create an instance pinned to a PUBLISHED (or DEPRECATED) version, its config validated'
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -f -a "show" -d 'Show one instance (secret values are never printed)'
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -f -a "list" -d 'List instances'
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -f -a "enable" -d 'Enable a DISABLED instance'
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -f -a "disable" -d 'Disable an ACTIVE instance'
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -f -a "retire" -d 'Retire an instance (final; the file stays for audit)'
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -f -a "upgrade" -d 'Move an instance to another definition version its config satisfies'
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -f -a "configure" -d 'Replace an instance\'s configuration, validated and secret-checked'
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -f -a "delete" -d 'Delete a RETIRED instance\'s file'
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -f -a "outdated" -d 'List instances pinned below the newest usable version, with the migration notes between'
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -f -a "history" -d 'Show an instance\'s lifecycle events'
complete -c reg -n "__fish_reg_using_subcommand instance; and not __fish_seen_subcommand_from create show list enable disable retire upgrade configure delete outdated history help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from create" -l definition -d 'The definition (`name`, `name@1.2.3`, `name@^1`, or an id); pinned to the exact version it resolves to' -r
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from create" -l config -d 'The configuration (YAML or JSON); `-` reads standard input' -r -F
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from create" -l label -d 'A label (repeatable)' -r
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from create" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from create" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from create" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from create" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from create" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from show" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from show" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from show" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from show" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from show" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from list" -l definition -d 'Keep instances pinned to versions this reference names (a name, a range or an exact version)' -r
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from list" -l status -d 'Keep instances in this state' -r
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from list" -l label -d 'Keep instances with this label (repeatable; all must match)' -r
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from list" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from list" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from list" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from list" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from list" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from enable" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from enable" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from enable" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from enable" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from enable" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from enable" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from enable" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from disable" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from disable" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from disable" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from disable" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from disable" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from disable" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from disable" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from retire" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from retire" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from retire" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from retire" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from retire" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from retire" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from retire" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from retire" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from retire" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from upgrade" -l to -d 'The new definition version (`name@2.0.0`, `name@^2`, ...)' -r
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from upgrade" -l config -d 'A new configuration for it (YAML or JSON); `-` reads standard input' -r -F
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from upgrade" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from upgrade" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from upgrade" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from upgrade" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from upgrade" -l switch-definition -d 'Allow moving to another integration\'s definition'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from upgrade" -l allow-downgrade -d 'Allow moving to a lower version'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from upgrade" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from upgrade" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from upgrade" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from upgrade" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from upgrade" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from configure" -l config -d 'The configuration (YAML or JSON); `-` reads standard input' -r -F
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from configure" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from configure" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from configure" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from configure" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from configure" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from configure" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from configure" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from configure" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from configure" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from delete" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from delete" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from delete" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from delete" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from delete" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from outdated" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from outdated" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from outdated" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from outdated" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from outdated" -l fail-after-deadline -d 'Exit 1 when the deadline of a migration an instance has not made has passed'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from outdated" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from outdated" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from outdated" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from outdated" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from outdated" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from history" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from history" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from history" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from history" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from history" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from history" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from history" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create an instance pinned to a PUBLISHED (or DEPRECATED) version, its config validated'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one instance (secret values are never printed)'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from help" -f -a "list" -d 'List instances'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Enable a DISABLED instance'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Disable an ACTIVE instance'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from help" -f -a "retire" -d 'Retire an instance (final; the file stays for audit)'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from help" -f -a "upgrade" -d 'Move an instance to another definition version its config satisfies'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from help" -f -a "configure" -d 'Replace an instance\'s configuration, validated and secret-checked'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a RETIRED instance\'s file'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from help" -f -a "outdated" -d 'List instances pinned below the newest usable version, with the migration notes between'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from help" -f -a "history" -d 'Show an instance\'s lifecycle events'
complete -c reg -n "__fish_reg_using_subcommand instance; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c reg -n "__fish_reg_using_subcommand completions" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand completions" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand completions" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand completions" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand completions" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand completions" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand completions" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c reg -n "__fish_reg_using_subcommand completions" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand schema" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand schema" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand schema" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand schema" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand schema" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand schema" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand schema" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c reg -n "__fish_reg_using_subcommand schema" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand export" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand export" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand export" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand export" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand export" -l instances -d 'Export instances too (secrets stay references, never values)'
complete -c reg -n "__fish_reg_using_subcommand export" -l check -d 'Write nothing; exit 1 when DIR is not what export would write now'
complete -c reg -n "__fish_reg_using_subcommand export" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand export" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand export" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c reg -n "__fish_reg_using_subcommand export" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand man" -s o -l output -d 'Output format of read commands' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c reg -n "__fish_reg_using_subcommand man" -l color -d 'When to use colors (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reg -n "__fish_reg_using_subcommand man" -l lock-timeout -d 'Seconds to wait for another reg writing to the same registry' -r
complete -c reg -n "__fish_reg_using_subcommand man" -l registry -d 'Registry root (default: REG_REGISTRY, else the nearest folder at or above the current one holding reg.yaml)' -r -F
complete -c reg -n "__fish_reg_using_subcommand man" -s q -l quiet -d 'Print only data and errors'
complete -c reg -n "__fish_reg_using_subcommand man" -l no-commit -d 'Write the files but stage and commit nothing'
complete -c reg -n "__fish_reg_using_subcommand man" -l dry-run -d 'Check everything a write checks and print what it would change; write nothing'
complete -c reg -n "__fish_reg_using_subcommand man" -s h -l help -d 'Print help'
complete -c reg -n "__fish_reg_using_subcommand man" -s V -l version -d 'Print version'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "init" -d 'Create a registry: reg.yaml, the folders, a .gitignore for .reg/, and the first commit'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "new" -d 'Write a DRAFT definition to fill in (it is not registered yet): a skeleton, or for a name the registry has, its latest version with the next version number'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "register" -d 'Register definition files as DRAFT versions, one commit each'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "show" -d 'Show one definition: `name` (latest usable), `name@1.2.3`, `name@^1.2` or an id'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "versions" -d 'List every version of a definition with its status and dates'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "list" -d 'List definitions: one row per name (its latest version), or every version'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "search" -d 'Search definitions by name, tags, category, title and description, best match first'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "publish" -d 'Publish a DRAFT version: its dependencies must resolve, with no cycle'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "deprecate" -d 'Deprecate a PUBLISHED version: still usable, with a warning'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "archive" -d 'Archive a PUBLISHED or DEPRECATED version no live instance or definition needs'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "delete" -d 'Delete a DRAFT or ARCHIVED version nothing refers to (removes its file)'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "history" -d 'Show the lifecycle events of a definition (one version, or every version of a name) or an instance'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "deps" -d 'Show the resolved dependencies and schema references of a definition'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "refs" -d 'Show the definitions and instances that use a version'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "validate" -d 'Check every definition and instance (or the files and folders given) and report all problems'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "check" -d 'Check what a change does to the registry: the files that differ from the base, validated and judged by the rules every command obeys'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "diff" -d 'Classify the configSchema change from A to B: breaking, minor or patch, one line per change'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "config" -d 'Check configuration documents against a definition\'s configSchema'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "instance" -d 'Configured uses of definitions: create, list, upgrade, configure, retire, ...'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "completions" -d 'Print the completion script for a shell (the files under completions/ are these)'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "schema" -d 'Print the JSON Schema of reg\'s own files (definitions, instances, reg.yaml)'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "export" -d 'Write a static, sparse JSON view of the registry for web servers and CDNs'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "man" -d 'Write the man pages into DIR: reg.1, and reg-COMMAND.1 for each command'
complete -c reg -n "__fish_reg_using_subcommand help; and not __fish_seen_subcommand_from init new register show versions list search publish deprecate archive delete history deps refs validate check diff config instance completions schema export man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c reg -n "__fish_reg_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "validate" -d 'Validate a configuration document (YAML or JSON) against a definition\'s configSchema'
complete -c reg -n "__fish_reg_using_subcommand help; and __fish_seen_subcommand_from instance" -f -a "create" -d 'Create an instance pinned to a PUBLISHED (or DEPRECATED) version, its config validated'
complete -c reg -n "__fish_reg_using_subcommand help; and __fish_seen_subcommand_from instance" -f -a "show" -d 'Show one instance (secret values are never printed)'
complete -c reg -n "__fish_reg_using_subcommand help; and __fish_seen_subcommand_from instance" -f -a "list" -d 'List instances'
complete -c reg -n "__fish_reg_using_subcommand help; and __fish_seen_subcommand_from instance" -f -a "enable" -d 'Enable a DISABLED instance'
complete -c reg -n "__fish_reg_using_subcommand help; and __fish_seen_subcommand_from instance" -f -a "disable" -d 'Disable an ACTIVE instance'
complete -c reg -n "__fish_reg_using_subcommand help; and __fish_seen_subcommand_from instance" -f -a "retire" -d 'Retire an instance (final; the file stays for audit)'
complete -c reg -n "__fish_reg_using_subcommand help; and __fish_seen_subcommand_from instance" -f -a "upgrade" -d 'Move an instance to another definition version its config satisfies'
complete -c reg -n "__fish_reg_using_subcommand help; and __fish_seen_subcommand_from instance" -f -a "configure" -d 'Replace an instance\'s configuration, validated and secret-checked'
complete -c reg -n "__fish_reg_using_subcommand help; and __fish_seen_subcommand_from instance" -f -a "delete" -d 'Delete a RETIRED instance\'s file'
complete -c reg -n "__fish_reg_using_subcommand help; and __fish_seen_subcommand_from instance" -f -a "outdated" -d 'List instances pinned below the newest usable version, with the migration notes between'
complete -c reg -n "__fish_reg_using_subcommand help; and __fish_seen_subcommand_from instance" -f -a "history" -d 'Show an instance\'s lifecycle events'
