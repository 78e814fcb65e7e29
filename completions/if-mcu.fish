# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_if_mcu_global_optspecs
    string join \n h/help V/version
end

function __fish_if_mcu_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_if_mcu_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_if_mcu_using_subcommand
    set -l cmd (__fish_if_mcu_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c if-mcu -n "__fish_if_mcu_needs_command" -s h -l help -d 'Print help'
complete -c if-mcu -n "__fish_if_mcu_needs_command" -s V -l version -d 'Print version'
complete -c if-mcu -n "__fish_if_mcu_needs_command" -f -a "serve" -d 'Run the MCU'
complete -c if-mcu -n "__fish_if_mcu_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -l listen -d 'Call signalling address to listen on (TCP)' -r
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -l gk -d 'The gatekeeper\'s RAS address (UDP)' -r
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -l key -d 'Key that signs the admission tokens and the events' -r -F
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -l trust -d 'Trusted keys of call descriptions (repeatable; trust file or .pub)' -r -F
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -l policy -d 'IF.guard policy (TOML): its trusted keys are used too, its [council] for votes' -r -F
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -l alias -d 'The alias registered with the gatekeeper (the council\'s)' -r
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -l max-participants -d 'Participants in the conference at once' -r
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -l rtp-bind -d 'Address the calls\' RTP and RTCP sockets bind to (port 0 each)' -r
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -l ras-listen -d 'RAS address to bind [default: the address routed to the gatekeeper, port 0]' -r
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -l max-connections -d 'TCP connections at once' -r
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -l max-per-source -d 'TCP connections at once from one IP address' -r
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -l max-message -d 'The largest call signalling message (TPKT) taken, in octets' -r
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -l controller -d 'An agent whose signed lines on stdin may control the conference (repeatable): content {"command": "mute"|"unmute"|"kick"|"gain"|"lock"|"unlock", "participant": ALIAS or N, "gain_db": DB}, {"command": "record", "on": BOOL}, {"command": "call_vote", "conversation_id": ID, "question": TEXT, "window_s": S}, {"command": "close_vote"}, {"command": "invite", "destination": ALIAS} (call ALIAS out through the gatekeeper into the conference)' -r
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -l record -d 'Record each conference\'s mix as WAV in DIR (conference-N.wav); its SHA-256 and length are on the record when it closes' -r -F
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -l on-audit-loss -d 'When the event stream (stdout) fails: stop taking calls and exit 3, or continue' -r -f -a "stop\t'Stop admitting new work, finish what is in flight, exit 3'
continue\t'Keep serving, unrecorded, with a warning at least once a minute'"
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -l mixer -d 'Who mixes the audio: the MCU itself, or Janus AudioBridge (--janus), each call a plain-RTP participant of --janus-room whose RTP goes to Janus directly (fastStart G.711 calls only; no recording or talker events)' -r -f -a "local\t''
janus\t''"
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -l janus -d 'Janus\'s HTTP API (with --mixer janus)' -r
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -l janus-room -d 'The AudioBridge room (configured in Janus with allow_rtp_participants = true, sampling_rate = 8000, audiolevel_ext = false)' -r
complete -c if-mcu -n "__fish_if_mcu_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-mcu -n "__fish_if_mcu_using_subcommand help; and not __fish_seen_subcommand_from serve help" -f -a "serve" -d 'Run the MCU'
complete -c if-mcu -n "__fish_if_mcu_using_subcommand help; and not __fish_seen_subcommand_from serve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
