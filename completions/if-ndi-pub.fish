complete -c if-ndi-pub -l name -d 'NDI source name' -r
complete -c if-ndi-pub -l key -d 'Key that signs every frame\'s chain record and the card events' -r -F
complete -c if-ndi-pub -l size -d 'Frame size' -r
complete -c if-ndi-pub -l fps -d 'Frames per second' -r
complete -c if-ndi-pub -l frames -d 'Stop after this many frames (then the end of input does not stop the stream)' -r
complete -c if-ndi-pub -l linger -d 'Keep showing the last card this long after the end of input, in seconds' -r
complete -c if-ndi-pub -l wait-receiver -d 'Wait up to this long for a receiver before the first frame (frames nobody receives are lost)' -r
complete -c if-ndi-pub -l trust -d 'Trusted keys for incoming IFMessages; without, their own keys are used' -r -F
complete -c if-ndi-pub -l discovery -d 'NDI discovery server(s) to register the source with (`HOST[:PORT]`, comma-separated)' -r
complete -c if-ndi-pub -l on-audit-loss -d 'When the event stream (stdout) fails: stop the stream and exit 3, or continue' -r -f -a "stop\t'Stop admitting new work, finish what is in flight, exit 3'
continue\t'Keep serving, unrecorded, with a warning at least once a minute'"
complete -c if-ndi-pub -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-ndi-pub -s V -l version -d 'Print version'
