# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_if_witness_global_optspecs
    string join \n h/help V/version
end

function __fish_if_witness_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_if_witness_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_if_witness_using_subcommand
    set -l cmd (__fish_if_witness_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c if-witness -n "__fish_if_witness_needs_command" -s h -l help -d 'Print help'
complete -c if-witness -n "__fish_if_witness_needs_command" -s V -l version -d 'Print version'
complete -c if-witness -n "__fish_if_witness_needs_command" -f -a "append" -d 'Append IFMessages from stdin to LOG, passing each through to stdout'
complete -c if-witness -n "__fish_if_witness_needs_command" -f -a "log" -d 'Build one message from an event and append it (InfraFabric\'s `witness log`)'
complete -c if-witness -n "__fish_if_witness_needs_command" -f -a "checkpoint" -d 'Write a signed checkpoint of the whole log (if it does not end with one) and print it'
complete -c if-witness -n "__fish_if_witness_needs_command" -f -a "verify" -d 'Verify every entry, chain link, checkpoint and message signature'
complete -c if-witness -n "__fish_if_witness_needs_command" -f -a "prove" -d 'Print an inclusion proof for one entry, or a consistency proof between two sizes'
complete -c if-witness -n "__fish_if_witness_needs_command" -f -a "verify-proof" -d 'Check a proof offline against a signed checkpoint'
complete -c if-witness -n "__fish_if_witness_needs_command" -f -a "trace" -d 'Every entry of one trace id, in order, with duration, cost and components'
complete -c if-witness -n "__fish_if_witness_needs_command" -f -a "query" -d 'Entries that match filters, oldest first'
complete -c if-witness -n "__fish_if_witness_needs_command" -f -a "cost" -d 'Sum provenance.cost_usd and tokens_used by sender (or component) and model'
complete -c if-witness -n "__fish_if_witness_needs_command" -f -a "export" -d 'Export entries as JSON, JSONL or CSV'
complete -c if-witness -n "__fish_if_witness_needs_command" -f -a "repair" -d 'Move a torn last line (left by a crash) into LOG.torn-<ms> and truncate the log'
complete -c if-witness -n "__fish_if_witness_needs_command" -f -a "audit" -d 'Check IF.TTT over the logs of an incident from different tools: traceable, transparent, trustworthy (exit 0 only when all three hold; each failing rule named)'
complete -c if-witness -n "__fish_if_witness_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c if-witness -n "__fish_if_witness_using_subcommand append" -l key -d 'Witness secret key: signs the log\'s checkpoints' -r -F
complete -c if-witness -n "__fish_if_witness_using_subcommand append" -l trust -d 'Trusted keys: refuse messages not signed by one (repeatable)' -r -F
complete -c if-witness -n "__fish_if_witness_using_subcommand append" -l checkpoint-every -d 'Write a checkpoint after this many uncovered entries' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand append" -l checkpoint-interval -d 'Write a checkpoint when uncovered entries are this old (milliseconds)' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand append" -l origin -d 'Log origin for a new log [default: ifconnect.local/witness/<name>/<random>]' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand append" -l on-error -d 'What to do with a message that fails its checks' -r -f -a "fail\t'Stop at the first bad line and exit non-zero'
skip\t'Report the line on stderr, skip it, carry on, and exit non-zero at the end'"
complete -c if-witness -n "__fish_if_witness_using_subcommand append" -l max-line-bytes -d 'Longest accepted input line in bytes' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand append" -l quiet -d 'Do not copy messages to stdout'
complete -c if-witness -n "__fish_if_witness_using_subcommand append" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-witness -n "__fish_if_witness_using_subcommand log" -l key -d 'Secret key of the agent the event is from' -r -F
complete -c if-witness -n "__fish_if_witness_using_subcommand log" -l witness-key -d 'Witness key for checkpoints [default: --key]' -r -F
complete -c if-witness -n "__fish_if_witness_using_subcommand log" -l event -d 'Event name, e.g. scan.finished' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand log" -l component -d 'Component that produced the event' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand log" -l trace-id -d 'Trace id (12 lower-case hex digits) [default: random]' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand log" -l payload -d 'Payload: a JSON value' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand log" -l receiver -d 'Receiver agent id' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand log" -l model -d 'Model that did the work, for `cost`' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand log" -l cost -d 'Cost in USD, for `cost`' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand log" -l tokens-in -d 'Prompt tokens, for `cost`' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand log" -l tokens-out -d 'Completion tokens, for `cost`' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand log" -s h -l help -d 'Print help'
complete -c if-witness -n "__fish_if_witness_using_subcommand checkpoint" -l key -d 'Witness secret key' -r -F
complete -c if-witness -n "__fish_if_witness_using_subcommand checkpoint" -l last -d 'Write nothing: print the newest checkpoint the log holds (no key needed), to keep for the next `verify --checkpoint`'
complete -c if-witness -n "__fish_if_witness_using_subcommand checkpoint" -s h -l help -d 'Print help'
complete -c if-witness -n "__fish_if_witness_using_subcommand verify" -l trust -d 'Trusted keys: every sender and the witness must be listed (repeatable)' -r -F
complete -c if-witness -n "__fish_if_witness_using_subcommand verify" -l checkpoint -d 'A checkpoint saved earlier: the log must still contain exactly what it covers' -r -F
complete -c if-witness -n "__fish_if_witness_using_subcommand verify" -l threads -d 'Worker threads [default: all cores]' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand verify" -s h -l help -d 'Print help'
complete -c if-witness -n "__fish_if_witness_using_subcommand prove" -l index -d 'Entry to prove' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand prove" -l consistency-from -d 'Prove the tree of this many entries is a prefix of the tree of --size' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand prove" -l size -d 'Tree size to prove against [default: the last checkpoint]' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand prove" -s h -l help -d 'Print help'
complete -c if-witness -n "__fish_if_witness_using_subcommand verify-proof" -l checkpoint -d 'Signed checkpoint the proof must match' -r -F
complete -c if-witness -n "__fish_if_witness_using_subcommand verify-proof" -l old-checkpoint -d 'Older checkpoint, for consistency proofs' -r -F
complete -c if-witness -n "__fish_if_witness_using_subcommand verify-proof" -l trust -d 'Trusted keys: the checkpoint must be signed by one (and the proven message\'s sender)' -r -F
complete -c if-witness -n "__fish_if_witness_using_subcommand verify-proof" -s h -l help -d 'Print help'
complete -c if-witness -n "__fish_if_witness_using_subcommand trace" -l format -r -f -a "text\t''
json\t''"
complete -c if-witness -n "__fish_if_witness_using_subcommand trace" -s h -l help -d 'Print help'
complete -c if-witness -n "__fish_if_witness_using_subcommand query" -l trace-id -d 'Only entries with this trace id' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand query" -l component -d 'Only entries whose content.component is this' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand query" -l event -d 'Only entries whose content.event is this' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand query" -l sender -d 'Only entries from this sender agent' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand query" -l start-date -d 'From this day (YYYY-MM-DD, UTC) or RFC 3339 time on' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand query" -l end-date -d 'Up to the end of this day (YYYY-MM-DD, UTC) or this RFC 3339 time' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand query" -l limit -d 'At most this many entries' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand query" -l format -r -f -a "text\t''
json\t''"
complete -c if-witness -n "__fish_if_witness_using_subcommand query" -s h -l help -d 'Print help'
complete -c if-witness -n "__fish_if_witness_using_subcommand cost" -l trace-id -d 'Only entries with this trace id' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand cost" -l component -d 'Only entries whose content.component is this' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand cost" -l event -d 'Only entries whose content.event is this' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand cost" -l sender -d 'Only entries from this sender agent' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand cost" -l start-date -d 'From this day (YYYY-MM-DD, UTC) or RFC 3339 time on' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand cost" -l end-date -d 'Up to the end of this day (YYYY-MM-DD, UTC) or this RFC 3339 time' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand cost" -l by -d 'Group by the sender agent or by content.component' -r -f -a "sender\t'The message\'s sender agent'
component\t'`content.component`, as InfraFabric\'s witness groups'"
complete -c if-witness -n "__fish_if_witness_using_subcommand cost" -l format -r -f -a "text\t''
json\t''"
complete -c if-witness -n "__fish_if_witness_using_subcommand cost" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-witness -n "__fish_if_witness_using_subcommand export" -l format -r -f -a "json\t'One JSON array of entries'
jsonl\t'One entry per line'
csv\t'RFC 4180 CSV, one row per entry'"
complete -c if-witness -n "__fish_if_witness_using_subcommand export" -l trace-id -d 'Only entries with this trace id' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand export" -l component -d 'Only entries whose content.component is this' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand export" -l event -d 'Only entries whose content.event is this' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand export" -l sender -d 'Only entries from this sender agent' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand export" -l start-date -d 'From this day (YYYY-MM-DD, UTC) or RFC 3339 time on' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand export" -l end-date -d 'Up to the end of this day (YYYY-MM-DD, UTC) or this RFC 3339 time' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand export" -s o -l output -d 'Write to FILE instead of stdout' -r -F
complete -c if-witness -n "__fish_if_witness_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-witness -n "__fish_if_witness_using_subcommand repair" -s h -l help -d 'Print help'
complete -c if-witness -n "__fish_if_witness_using_subcommand audit" -l trust -d 'Trusted keys: every sender, every message carried inside another, every witness' -r -F
complete -c if-witness -n "__fish_if_witness_using_subcommand audit" -l format -r -f -a "text\t'One line per finding, then the verdict'
json\t'One JSON object: the verdict per pillar, the traces, the findings, the rules'
html\t'One page: each incident as a timeline across the protocols, failing rules marked'"
complete -c if-witness -n "__fish_if_witness_using_subcommand audit" -s o -l output -d 'Write the report to FILE instead of stdout' -r -F
complete -c if-witness -n "__fish_if_witness_using_subcommand audit" -l threads -d 'Worker threads for verifying [default: all cores]' -r
complete -c if-witness -n "__fish_if_witness_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-witness -n "__fish_if_witness_using_subcommand help; and not __fish_seen_subcommand_from append log checkpoint verify prove verify-proof trace query cost export repair audit help" -f -a "append" -d 'Append IFMessages from stdin to LOG, passing each through to stdout'
complete -c if-witness -n "__fish_if_witness_using_subcommand help; and not __fish_seen_subcommand_from append log checkpoint verify prove verify-proof trace query cost export repair audit help" -f -a "log" -d 'Build one message from an event and append it (InfraFabric\'s `witness log`)'
complete -c if-witness -n "__fish_if_witness_using_subcommand help; and not __fish_seen_subcommand_from append log checkpoint verify prove verify-proof trace query cost export repair audit help" -f -a "checkpoint" -d 'Write a signed checkpoint of the whole log (if it does not end with one) and print it'
complete -c if-witness -n "__fish_if_witness_using_subcommand help; and not __fish_seen_subcommand_from append log checkpoint verify prove verify-proof trace query cost export repair audit help" -f -a "verify" -d 'Verify every entry, chain link, checkpoint and message signature'
complete -c if-witness -n "__fish_if_witness_using_subcommand help; and not __fish_seen_subcommand_from append log checkpoint verify prove verify-proof trace query cost export repair audit help" -f -a "prove" -d 'Print an inclusion proof for one entry, or a consistency proof between two sizes'
complete -c if-witness -n "__fish_if_witness_using_subcommand help; and not __fish_seen_subcommand_from append log checkpoint verify prove verify-proof trace query cost export repair audit help" -f -a "verify-proof" -d 'Check a proof offline against a signed checkpoint'
complete -c if-witness -n "__fish_if_witness_using_subcommand help; and not __fish_seen_subcommand_from append log checkpoint verify prove verify-proof trace query cost export repair audit help" -f -a "trace" -d 'Every entry of one trace id, in order, with duration, cost and components'
complete -c if-witness -n "__fish_if_witness_using_subcommand help; and not __fish_seen_subcommand_from append log checkpoint verify prove verify-proof trace query cost export repair audit help" -f -a "query" -d 'Entries that match filters, oldest first'
complete -c if-witness -n "__fish_if_witness_using_subcommand help; and not __fish_seen_subcommand_from append log checkpoint verify prove verify-proof trace query cost export repair audit help" -f -a "cost" -d 'Sum provenance.cost_usd and tokens_used by sender (or component) and model'
complete -c if-witness -n "__fish_if_witness_using_subcommand help; and not __fish_seen_subcommand_from append log checkpoint verify prove verify-proof trace query cost export repair audit help" -f -a "export" -d 'Export entries as JSON, JSONL or CSV'
complete -c if-witness -n "__fish_if_witness_using_subcommand help; and not __fish_seen_subcommand_from append log checkpoint verify prove verify-proof trace query cost export repair audit help" -f -a "repair" -d 'Move a torn last line (left by a crash) into LOG.torn-<ms> and truncate the log'
complete -c if-witness -n "__fish_if_witness_using_subcommand help; and not __fish_seen_subcommand_from append log checkpoint verify prove verify-proof trace query cost export repair audit help" -f -a "audit" -d 'Check IF.TTT over the logs of an incident from different tools: traceable, transparent, trustworthy (exit 0 only when all three hold; each failing rule named)'
complete -c if-witness -n "__fish_if_witness_using_subcommand help; and not __fish_seen_subcommand_from append log checkpoint verify prove verify-proof trace query cost export repair audit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
