# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_if_msg_global_optspecs
    string join \n h/help V/version
end

function __fish_if_msg_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_if_msg_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_if_msg_using_subcommand
    set -l cmd (__fish_if_msg_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c if-msg -n "__fish_if_msg_needs_command" -s h -l help -d 'Print help'
complete -c if-msg -n "__fish_if_msg_needs_command" -s V -l version -d 'Print version'
complete -c if-msg -n "__fish_if_msg_needs_command" -f -a "keygen" -d 'Generate a key pair for an agent: FILE (secret, 0600) and FILE.pub; prints a trust-file line'
complete -c if-msg -n "__fish_if_msg_needs_command" -f -a "fingerprint-key" -d 'Generate a fingerprint key (32 random bytes, mode 0600) for `wrap --fingerprint-key`'
complete -c if-msg -n "__fish_if_msg_needs_command" -f -a "pubkey" -d 'Print the trust-file line (agent and public key) of a secret or public key file'
complete -c if-msg -n "__fish_if_msg_needs_command" -f -a "new" -d 'Print one new signed message'
complete -c if-msg -n "__fish_if_msg_needs_command" -f -a "wrap" -d 'Turn scanner output or plain JSON on stdin into signed messages, one per finding'
complete -c if-msg -n "__fish_if_msg_needs_command" -f -a "sign" -d 'Sign JSON objects on stdin as IFMessages (fills sender, timestamp, nonce, sequence_num, ...)'
complete -c if-msg -n "__fish_if_msg_needs_command" -f -a "verify" -d 'Verify signed messages on stdin; passes good ones to stdout unchanged'
complete -c if-msg -n "__fish_if_msg_needs_command" -f -a "validate" -d 'Check messages on stdin against the IFMessage v2.1 schema only; passes valid ones through'
complete -c if-msg -n "__fish_if_msg_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c if-msg -n "__fish_if_msg_using_subcommand keygen" -l agent -d 'Agent id the key signs as, e.g. if://agent/yologuard' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand keygen" -s o -l output -d 'Secret key file to create' -r -F
complete -c if-msg -n "__fish_if_msg_using_subcommand keygen" -l force -d 'Replace existing key files'
complete -c if-msg -n "__fish_if_msg_using_subcommand keygen" -s h -l help -d 'Print help'
complete -c if-msg -n "__fish_if_msg_using_subcommand fingerprint-key" -s o -l output -d 'Key file to create' -r -F
complete -c if-msg -n "__fish_if_msg_using_subcommand fingerprint-key" -l force -d 'Replace an existing key file (fingerprints made with the old key no longer match)'
complete -c if-msg -n "__fish_if_msg_using_subcommand fingerprint-key" -s h -l help -d 'Print help'
complete -c if-msg -n "__fish_if_msg_using_subcommand pubkey" -s h -l help -d 'Print help'
complete -c if-msg -n "__fish_if_msg_using_subcommand new" -l key -d 'Secret key; its agent id is the sender' -r -F
complete -c if-msg -n "__fish_if_msg_using_subcommand new" -l performative -d 'FIPA-ACL performative: request, inform, agree, refuse, query-if, query-ref, contradict, escalate, share, hold' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand new" -l conversation -d 'Conversation id [default: if://conversation/<trace id>]' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand new" -l trace-id -d 'Trace id, 12 lower-case hex digits, shared by every message of an incident [default: random]' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand new" -l scope -d 'Scope as key=value list: mission_id, workflow, domain, priority [default: mission_id=ifconnect,workflow=<command>,domain=technical]' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand new" -l ttl -d 'Time to live in seconds (1..=3600)' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand new" -l content -d 'Content: a JSON object [default: {}]' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand new" -l hazard -d 'Hazard as key=value list: type, severity, auto_escalate (true|false)' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand new" -l rationale -d 'Hazard rationale, in words' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand new" -l provenance -d 'Provenance as key=value list: commit, version, model, cost_usd, tokens_used' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand new" -l topic -d 'Topic URI (if://topic/...)' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand new" -l receiver -d 'Receiver agent id; repeat for a broadcast list' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand new" -s h -l help -d 'Print help'
complete -c if-msg -n "__fish_if_msg_using_subcommand wrap" -l from -d 'Input format' -r -f -a "yologuard\t'IF.yologuard `--json`: a JSON array of detections'
sarif\t'SARIF 2.1.0 log (runs[].results[])'
json\t'Any JSON object per line, carried as `content`'"
complete -c if-msg -n "__fish_if_msg_using_subcommand wrap" -l key -d 'Secret key; its agent id is the sender' -r -F
complete -c if-msg -n "__fish_if_msg_using_subcommand wrap" -l receiver -d 'Receiver agent id; repeat for a broadcast list' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand wrap" -l conversation -d 'Conversation id [default: if://conversation/<trace id>]' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand wrap" -l trace-id -d 'Trace id, 12 lower-case hex digits, shared by every message of an incident [default: random]' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand wrap" -l scope -d 'Scope as key=value list: mission_id, workflow, domain, priority [default: mission_id=ifconnect,workflow=<command>,domain=technical]' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand wrap" -l ttl -d 'Time to live in seconds (1..=3600)' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand wrap" -l hazard-type -d 'Hazard type given to findings' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand wrap" -l fingerprint-key -d 'Key (from `if-msg fingerprint-key`) for `match_hmac_sha256`, the keyed fingerprint of each secret; without it, findings carry no fingerprint' -r -F
complete -c if-msg -n "__fish_if_msg_using_subcommand wrap" -l on-error -d 'What to do with a bad input line' -r -f -a "fail\t'Stop at the first bad line and exit non-zero'
skip\t'Report the line on stderr, skip it, carry on, and exit non-zero at the end'"
complete -c if-msg -n "__fish_if_msg_using_subcommand wrap" -l max-line-bytes -d 'Longest accepted input line in bytes; longer lines are rejected without being read whole' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand wrap" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-msg -n "__fish_if_msg_using_subcommand sign" -l key -d 'Secret key; its agent id is the sender' -r -F
complete -c if-msg -n "__fish_if_msg_using_subcommand sign" -l receiver -d 'Receiver agent id; repeat for a broadcast list' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand sign" -l conversation -d 'Conversation id [default: if://conversation/<trace id>]' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand sign" -l trace-id -d 'Trace id, 12 lower-case hex digits, shared by every message of an incident [default: random]' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand sign" -l scope -d 'Scope as key=value list: mission_id, workflow, domain, priority [default: mission_id=ifconnect,workflow=<command>,domain=technical]' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand sign" -l ttl -d 'Time to live in seconds (1..=3600)' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand sign" -l on-error -d 'What to do with a bad input line' -r -f -a "fail\t'Stop at the first bad line and exit non-zero'
skip\t'Report the line on stderr, skip it, carry on, and exit non-zero at the end'"
complete -c if-msg -n "__fish_if_msg_using_subcommand sign" -l max-line-bytes -d 'Longest accepted input line in bytes; longer lines are rejected without being read whole' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-msg -n "__fish_if_msg_using_subcommand verify" -l trust -d 'Trusted keys (trust file or .pub); repeatable. Without it, signatures are checked against the keys messages carry, which proves integrity but not identity' -r -F
complete -c if-msg -n "__fish_if_msg_using_subcommand verify" -l state -d 'Directory that remembers nonces and sequence numbers across runs (replay protection)' -r -F
complete -c if-msg -n "__fish_if_msg_using_subcommand verify" -l max-skew -d 'Tolerated clock skew for timestamps in the future, in seconds' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand verify" -l on-error -d 'What to do with a bad input line' -r -f -a "fail\t'Stop at the first bad line and exit non-zero'
skip\t'Report the line on stderr, skip it, carry on, and exit non-zero at the end'"
complete -c if-msg -n "__fish_if_msg_using_subcommand verify" -l max-line-bytes -d 'Longest accepted input line in bytes; longer lines are rejected without being read whole' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand verify" -l ignore-expiry -d 'Accept messages whose ttl has passed (for archives)'
complete -c if-msg -n "__fish_if_msg_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-msg -n "__fish_if_msg_using_subcommand validate" -l on-error -d 'What to do with a bad input line' -r -f -a "fail\t'Stop at the first bad line and exit non-zero'
skip\t'Report the line on stderr, skip it, carry on, and exit non-zero at the end'"
complete -c if-msg -n "__fish_if_msg_using_subcommand validate" -l max-line-bytes -d 'Longest accepted input line in bytes; longer lines are rejected without being read whole' -r
complete -c if-msg -n "__fish_if_msg_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-msg -n "__fish_if_msg_using_subcommand help; and not __fish_seen_subcommand_from keygen fingerprint-key pubkey new wrap sign verify validate help" -f -a "keygen" -d 'Generate a key pair for an agent: FILE (secret, 0600) and FILE.pub; prints a trust-file line'
complete -c if-msg -n "__fish_if_msg_using_subcommand help; and not __fish_seen_subcommand_from keygen fingerprint-key pubkey new wrap sign verify validate help" -f -a "fingerprint-key" -d 'Generate a fingerprint key (32 random bytes, mode 0600) for `wrap --fingerprint-key`'
complete -c if-msg -n "__fish_if_msg_using_subcommand help; and not __fish_seen_subcommand_from keygen fingerprint-key pubkey new wrap sign verify validate help" -f -a "pubkey" -d 'Print the trust-file line (agent and public key) of a secret or public key file'
complete -c if-msg -n "__fish_if_msg_using_subcommand help; and not __fish_seen_subcommand_from keygen fingerprint-key pubkey new wrap sign verify validate help" -f -a "new" -d 'Print one new signed message'
complete -c if-msg -n "__fish_if_msg_using_subcommand help; and not __fish_seen_subcommand_from keygen fingerprint-key pubkey new wrap sign verify validate help" -f -a "wrap" -d 'Turn scanner output or plain JSON on stdin into signed messages, one per finding'
complete -c if-msg -n "__fish_if_msg_using_subcommand help; and not __fish_seen_subcommand_from keygen fingerprint-key pubkey new wrap sign verify validate help" -f -a "sign" -d 'Sign JSON objects on stdin as IFMessages (fills sender, timestamp, nonce, sequence_num, ...)'
complete -c if-msg -n "__fish_if_msg_using_subcommand help; and not __fish_seen_subcommand_from keygen fingerprint-key pubkey new wrap sign verify validate help" -f -a "verify" -d 'Verify signed messages on stdin; passes good ones to stdout unchanged'
complete -c if-msg -n "__fish_if_msg_using_subcommand help; and not __fish_seen_subcommand_from keygen fingerprint-key pubkey new wrap sign verify validate help" -f -a "validate" -d 'Check messages on stdin against the IFMessage v2.1 schema only; passes valid ones through'
complete -c if-msg -n "__fish_if_msg_using_subcommand help; and not __fish_seen_subcommand_from keygen fingerprint-key pubkey new wrap sign verify validate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
