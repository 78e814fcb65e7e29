# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_if_gk_global_optspecs
    string join \n h/help V/version
end

function __fish_if_gk_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_if_gk_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_if_gk_using_subcommand
    set -l cmd (__fish_if_gk_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c if-gk -n "__fish_if_gk_needs_command" -s h -l help -d 'Print help'
complete -c if-gk -n "__fish_if_gk_needs_command" -s V -l version -d 'Print version'
complete -c if-gk -n "__fish_if_gk_needs_command" -f -a "serve" -d 'Run the gatekeeper'
complete -c if-gk -n "__fish_if_gk_needs_command" -f -a "endpoint" -d 'Register with a gatekeeper and ask admission for a call for every message on stdin'
complete -c if-gk -n "__fish_if_gk_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c if-gk -n "__fish_if_gk_using_subcommand serve" -l listen -d 'RAS address to listen on (UDP)' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand serve" -l key -d 'Key that signs the events' -r -F
complete -c if-gk -n "__fish_if_gk_using_subcommand serve" -l trust -d 'Trusted keys of endpoints\' tokens and call descriptions (repeatable; trust file or .pub)' -r -F
complete -c if-gk -n "__fish_if_gk_using_subcommand serve" -l policy -d 'IF.guard policy (TOML): experts (their h323: addresses), trusted keys, gates' -r -F
complete -c if-gk -n "__fish_if_gk_using_subcommand serve" -l gatekeeper-id -d 'This gatekeeper\'s gatekeeperIdentifier' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand serve" -l council-alias -d 'The alias of the council (its MCU registers with it)' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand serve" -l conference-capacity -d 'Participants in one conference, the council\'s included' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand serve" -l max-endpoints -d 'Endpoints registered at once' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand serve" -l max-calls -d 'Calls (legs) admitted at once' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand serve" -l max-ttl -d 'The longest registration time to live granted, in seconds' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand serve" -l call-check -d 'Ask an endpoint with calls that has been silent this long about them (IRQ); one that does not answer has its calls released. Seconds; 0: never' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand serve" -l min-call-bandwidth -d 'Bandwidth granted to a call asking for less (units of 100 bit/s)' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand serve" -l max-call-bandwidth -d 'The most one call is granted (units of 100 bit/s)' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand serve" -l endpoint-bandwidth -d 'What one endpoint may use at once unless its trust entry says bandwidth=N' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand serve" -l total-bandwidth -d 'What all calls together may use (units of 100 bit/s)' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand serve" -l on-audit-loss -d 'When the event stream (stdout) fails: stop admitting and exit 3, or continue' -r -f -a "stop\t'Stop admitting new work, finish what is in flight, exit 3'
continue\t'Keep serving, unrecorded, with a warning at least once a minute'"
complete -c if-gk -n "__fish_if_gk_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-gk -n "__fish_if_gk_using_subcommand endpoint" -l gk -d 'The gatekeeper\'s RAS address (UDP)' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand endpoint" -l key -d 'Key that signs the admission tokens and the events' -r -F
complete -c if-gk -n "__fish_if_gk_using_subcommand endpoint" -l alias -d 'An h323-ID to register (repeatable); the first is the calls\' source' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand endpoint" -l call-signal -d 'Call signalling address to register [default: the RAS socket\'s IP, port 1720]' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand endpoint" -l listen -d 'RAS address to bind [default: the address routed to the gatekeeper, port 0]' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand endpoint" -l ttl -d 'Time to live to ask for, in seconds [default: the gatekeeper\'s]' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand endpoint" -l call -d 'The alias each line\'s call goes to' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand endpoint" -l bandwidth -d 'Bandwidth asked for each call (units of 100 bit/s)' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand endpoint" -l change-bandwidth -d 'Once a call is admitted, ask to change its bandwidth to N (BRQ)' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand endpoint" -l hold-ms -d 'How long an admitted call lasts before it is disengaged, in milliseconds' -r
complete -c if-gk -n "__fish_if_gk_using_subcommand endpoint" -l trust -d 'Trusted keys for the lines on stdin (repeatable); without, their own keys are used' -r -F
complete -c if-gk -n "__fish_if_gk_using_subcommand endpoint" -l on-error -d 'What to do with a line that does not verify' -r -f -a "fail\t'Stop at the first bad line and exit non-zero'
skip\t'Report the line on stderr, skip it, carry on, and exit non-zero at the end'"
complete -c if-gk -n "__fish_if_gk_using_subcommand endpoint" -l on-audit-loss -d 'When the event stream (stdout) fails: stop taking lines and exit 3, or continue' -r -f -a "stop\t'Stop admitting new work, finish what is in flight, exit 3'
continue\t'Keep serving, unrecorded, with a warning at least once a minute'"
complete -c if-gk -n "__fish_if_gk_using_subcommand endpoint" -l mc -d 'Register as a multipoint controller (the council\'s MCU), not a terminal'
complete -c if-gk -n "__fish_if_gk_using_subcommand endpoint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-gk -n "__fish_if_gk_using_subcommand help; and not __fish_seen_subcommand_from serve endpoint help" -f -a "serve" -d 'Run the gatekeeper'
complete -c if-gk -n "__fish_if_gk_using_subcommand help; and not __fish_seen_subcommand_from serve endpoint help" -f -a "endpoint" -d 'Register with a gatekeeper and ask admission for a call for every message on stdin'
complete -c if-gk -n "__fish_if_gk_using_subcommand help; and not __fish_seen_subcommand_from serve endpoint help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
