#!/usr/bin/env bash
# `npm run cues`: makes the cue library. Spoken cues in Festival's cmu_us_slt_arctic_hts voice,
# chimes and the countdown tick synthesized with sox, each normalised in loudness, packed as one
# howler audio sprite in WebM/Opus and MP3, with a JSON map. The outputs are committed, so builds
# and CI need none of these tools:
#   apt-get install -y festival festvox-us-slt-hts sox ffmpeg
set -euo pipefail
cd "$(dirname "$0")/.."

need() {
	command -v "$1" >/dev/null 2>&1 || {
		echo "npm run cues needs $1: apt-get install -y $2" >&2
		exit 1
	}
}
need text2wave festival
need sox sox
need ffmpeg ffmpeg
if ! echo "(voice_cmu_us_slt_arctic_hts)" | festival --pipe >/dev/null 2>&1; then
	echo "npm run cues needs Festival's SLT voice: apt-get install -y festvox-us-slt-hts" >&2
	exit 1
fi

RATE=48000
GAP_SEC=0.4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# id|what is said. Short and calm: they are heard lying down, eyes closed.
SPOKEN=(
	"get-ready|Get ready."
	"approach|Approach the edge, slowly."
	"breathe|Breathe."
	"inhale|Breathe in."
	"exhale|And out."
	"hold|Hold."
	"soften|Soften."
	"come-back|Come back, slowly."
	"rest|Rest."
	"next-step|Next step."
	"left|Left side."
	"right|Right side."
	"halfway|Halfway."
	"release|Stop. Come back slowly. Breathe."
	"release-still|Stop. Let your breath go easy, and be still."
	"recover|Recover. Slow, easy breaths."
	"well-done|Well done. The session is complete."
	"session-ended|The session has ended."
	"red-flag|Stop now. Please see a qualified professional."
	"round-1|Round one."
	"round-2|Round two."
	"round-3|Round three."
	"round-4|Round four."
	"round-5|Round five."
	"round-6|Round six."
	"round-7|Round seven."
	"round-8|Round eight."
	"round-9|Round nine."
	"round-10|Round ten."
	"last-round|Last round."
)

# Speech: trimmed of leading and trailing silence, mono 48 kHz, -18 LUFS.
speak() {
	local id=$1 text=$2
	echo "$text" | text2wave -eval "(voice_cmu_us_slt_arctic_hts)" -o "$work/raw-$id.wav"
	sox "$work/raw-$id.wav" "$work/trim-$id.wav" silence 1 0.02 0.3% reverse silence 1 0.02 0.3% reverse
	ffmpeg -hide_banner -loglevel error -i "$work/trim-$id.wav" \
		-af "loudnorm=I=-18:TP=-2:LRA=7,aresample=$RATE" -ac 1 -ar "$RATE" -y "$work/$id.wav"
}

# Chimes: soft bell tones with long decays, quieter than the voice.
tone() {
	local out=$1 freq=$2 seconds=$3 volume=$4
	sox -n -r "$RATE" -c 1 "$out" synth "$seconds" sine "$freq" fade q 0.01 "$seconds" "$(echo "$seconds - 0.05" | bc)" vol "$volume"
}
chimes() {
	tone "$work/c1.wav" 528 1.6 0.5
	tone "$work/c2.wav" 792 1.6 0.2
	sox -m "$work/c1.wav" "$work/c2.wav" "$work/chime-raw.wav"
	ffmpeg -hide_banner -loglevel error -i "$work/chime-raw.wav" -af "loudnorm=I=-26:TP=-6" -ar "$RATE" -ac 1 -y "$work/chime.wav"

	tone "$work/e1.wav" 396 1.2 0.4
	tone "$work/e2.wav" 528 1.2 0.4
	tone "$work/e3.wav" 660 2.0 0.4
	# Three rising notes, each entering while the last one rings.
	sox "$work/e2.wav" "$work/e2-late.wav" pad 0.45 0
	sox "$work/e3.wav" "$work/e3-late.wav" pad 0.9 0
	sox -m "$work/e1.wav" "$work/e2-late.wav" "$work/e3-late.wav" "$work/end-seq.wav"
	ffmpeg -hide_banner -loglevel error -i "$work/end-seq.wav" -af "loudnorm=I=-24:TP=-6" -ar "$RATE" -ac 1 -y "$work/chime-end.wav"

	# The countdown tick: a short, soft wooden knock, peak-normalised (too short for loudnorm).
	sox -n -r "$RATE" -c 1 "$work/tick-raw.wav" synth 0.06 sine 880 fade q 0.002 0.06 0.05
	sox "$work/tick-raw.wav" "$work/tick.wav" gain -n -14
}

command -v bc >/dev/null 2>&1 || need bc bc
ids=()
texts=()
for entry in "${SPOKEN[@]}"; do
	id=${entry%%|*}
	text=${entry#*|}
	speak "$id" "$text"
	ids+=("$id")
	texts+=("$text")
done
chimes
for id in chime chime-end tick; do
	ids+=("$id")
	texts+=("")
done

# The sprite: every clip in order, each followed by a gap, so a slightly early or late stop
# never cuts into the next clip.
sox -n -r "$RATE" -c 1 "$work/gap.wav" trim 0 "$GAP_SEC"
parts=()
map=""
offset_ms=0
for i in "${!ids[@]}"; do
	id=${ids[$i]}
	duration_ms=$(soxi -D "$work/$id.wav" | awk '{ printf "%d", $1 * 1000 + 0.5 }')
	map+="$(printf '\t\t"%s": [%d, %d],\n' "$id" "$offset_ms" "$duration_ms")"$'\n'
	parts+=("$work/$id.wav" "$work/gap.wav")
	gap_ms=$(awk -v g="$GAP_SEC" 'BEGIN { printf "%d", g * 1000 }')
	offset_ms=$((offset_ms + duration_ms + gap_ms))
done
sox "${parts[@]}" "$work/sprite.wav"

hash=$(sha256sum "$work/sprite.wav" | cut -c1-10)
mkdir -p static/audio
rm -f static/audio/cues-*.webm static/audio/cues-*.mp3
ffmpeg -hide_banner -loglevel error -i "$work/sprite.wav" -c:a libopus -b:a 24k -ac 1 -y "static/audio/cues-$hash.webm"
ffmpeg -hide_banner -loglevel error -i "$work/sprite.wav" -c:a libmp3lame -b:a 40k -ac 1 -y "static/audio/cues-$hash.mp3"

# Half a minute of silence, looped by an <audio> element during a session: browsers show media
# controls (lock screen, headset buttons) only while a media element plays. Long, so the media
# pipeline wakes the page to loop it twice a minute rather than every second; 8 kbps, so it is
# small (about 30 kB).
ffmpeg -hide_banner -loglevel error -f lavfi -i anullsrc=r=8000:cl=mono -t 30 -c:a libmp3lame -b:a 8k -y static/audio/silence.mp3

texts_json=""
for i in "${!ids[@]}"; do
	[ -n "${texts[$i]}" ] || continue
	texts_json+="$(printf '\t\t"%s": "%s",' "${ids[$i]}" "${texts[$i]}")"$'\n'
done

{
	echo '{'
	echo '	"voice": "Festival cmu_us_slt_arctic_hts; chimes by sox; speech at -18 LUFS, chimes at -24 to -26 LUFS",'
	echo '	"files": {'
	echo "		\"webm\": \"/audio/cues-$hash.webm\","
	echo "		\"mp3\": \"/audio/cues-$hash.mp3\""
	echo '	},'
	echo '	"sprite": {'
	printf '%s' "${map%,$'\n'}"
	echo
	echo '	},'
	echo '	"texts": {'
	printf '%s' "${texts_json%,$'\n'}"
	echo
	echo '	}'
	echo '}'
} >src/lib/audio/cue-sprite.json

echo "wrote static/audio/cues-$hash.webm ($(du -k "static/audio/cues-$hash.webm" | cut -f1) KiB), static/audio/cues-$hash.mp3 ($(du -k "static/audio/cues-$hash.mp3" | cut -f1) KiB) and src/lib/audio/cue-sprite.json (${#ids[@]} cues)"

# The sound beds under the guidance: their own script, so they can be made without Festival.
bash scripts/make-sound-beds.sh
