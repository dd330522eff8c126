#!/usr/bin/env bash
# The sound beds, made by `npm run cues` (or alone: bash scripts/make-sound-beds.sh): three quiet
# loops played under the guidance (soft noise, rain, sea), synthesized with sox, made seamless,
# at one static loudness, encoded as WebM/Opus and MP3, with a JSON map. Committed, like the
# cue sprite, so builds and CI need none of these tools:
#   apt-get install -y sox ffmpeg
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in sox soxi ffmpeg; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "the sound beds need $tool: apt-get install -y sox ffmpeg" >&2
		exit 1
	}
done

RATE=48000
# One loop, in seconds: long enough that its rain does not repeat noticeably; the sea's swells
# (8 s and 12 s) fit it whole, so they come round in step.
LOOP_SEC=24
# Made this much longer, and the extra tail crossfaded into the head: the loop's end leads into
# its start as the noise itself would.
CROSSFADE_SEC=3
# The file holds the loop and then its first half second again, and is played looping between
# LOOP_START_SEC and LOOP_START_SEC + LOOP_SEC: a decoder that adds or drops a few milliseconds
# at either end (every MP3 decoder does) never lands on the seam. Lossy codecs do not keep the
# waveform of noise, so the two copies differ a little: the app mends the seam after decoding
# by fading the loop's end into the samples just before its start (src/lib/audio/loop-seam.ts).
HEAD_SEC=0.5
LOOP_START_SEC=0.25
# Well under the voice (-18 LUFS), before the person's own bed volume.
LOUDNESS_LUFS=-26
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# sox -R: the same noise on every run, so an unchanged script makes unchanged files.
SOX=(sox -R)
RANDOM=18

long=$((LOOP_SEC + CROSSFADE_SEC))

soft_noise() {
	"${SOX[@]}" -n -r "$RATE" -c 1 "$1" synth "$long" brownnoise synth "$long" pinknoise mix \
		lowpass 900 highpass 50 vol 0.5
}

# One raindrop: a short, falling blip, quiet, with a quick decay.
drop() {
	local out=$1 gap=$2 high=$3 volume=$4
	"${SOX[@]}" -n -r "$RATE" -c 1 "$out" synth 0.035 sine "$high-$((high / 2))" \
		fade l 0.001 0.035 0.03 vol "$volume" pad "$gap" 0
}

rain() {
	"${SOX[@]}" -n -r "$RATE" -c 1 "$work/hiss.wav" synth "$long" pinknoise \
		highpass 500 lowpass 5000 vol 0.3
	"${SOX[@]}" -n -r "$RATE" -c 1 "$work/rumble.wav" synth "$long" brownnoise \
		lowpass 250 vol 0.3
	# Soft drops at random moments, some 8 a second, each its own pitch and loudness.
	local drops=() at=0 i=0
	while awk -v at="$at" -v end="$long" 'BEGIN { exit !(at < end - 0.2) }'; do
		# Drawn here, not inside $( ): a subshell's RANDOM is seeded afresh on every run.
		local r1=$RANDOM r2=$RANDOM gap high volume
		gap=$(awk -v r="$r1" 'BEGIN { printf "%.3f", 0.02 + (r / 32767) * 0.2 }')
		high=$((1800 + RANDOM % 2600))
		volume=$(awk -v r="$r2" 'BEGIN { printf "%.3f", 0.04 + (r / 32767) * 0.16 }')
		drop "$work/drop-$i.wav" "$gap" "$high" "$volume"
		drops+=("$work/drop-$i.wav")
		at=$(awk -v at="$at" -v gap="$gap" 'BEGIN { printf "%.3f", at + gap + 0.035 }')
		i=$((i + 1))
	done
	"${SOX[@]}" "${drops[@]}" "$work/drops.wav"
	"${SOX[@]}" "$work/drops.wav" "$work/drops-padded.wav" pad 0 "$long"
	"${SOX[@]}" "$work/drops-padded.wav" "$work/drops-long.wav" trim 0 "$long"
	"${SOX[@]}" -m -v 1 "$work/hiss.wav" -v 1 "$work/rumble.wav" -v 1 "$work/drops-long.wav" "$1"
}

sea() {
	"${SOX[@]}" -n -r "$RATE" -c 1 "$work/deep.wav" synth "$long" brownnoise lowpass 500 vol 0.4
	"${SOX[@]}" -n -r "$RATE" -c 1 "$work/wash.wav" synth "$long" pinknoise \
		highpass 300 lowpass 2500 vol 0.3
	"${SOX[@]}" -m -v 1 "$work/deep.wav" -v 1 "$work/wash.wav" "$1"
}

# The swells of the sea, applied to the finished loop: periods that divide the loop's length,
# so the swell at its end leads into the swell at its start.
swell() {
	"${SOX[@]}" "$1" "$2" tremolo 0.125 60 tremolo 0.0833333333 30
}

# A long take made into a loop: its last CROSSFADE_SEC fade out while its first fade in (equal
# power, for uncorrelated noise), and the loop goes on from just after them.
seamless() {
	local long_take=$1 out=$2
	"${SOX[@]}" "$long_take" "$work/head.wav" trim 0 "$CROSSFADE_SEC" fade q "$CROSSFADE_SEC"
	"${SOX[@]}" "$long_take" "$work/tail.wav" trim "$LOOP_SEC" "$CROSSFADE_SEC" \
		fade q 0 "$CROSSFADE_SEC" "$CROSSFADE_SEC"
	"${SOX[@]}" -m -v 1 "$work/head.wav" -v 1 "$work/tail.wav" "$work/joint.wav"
	"${SOX[@]}" "$long_take" "$work/body.wav" trim "$CROSSFADE_SEC" "$((LOOP_SEC - CROSSFADE_SEC))"
	"${SOX[@]}" "$work/body.wav" "$work/joint.wav" "$out"
}

# One static gain to the target loudness: a dynamic normaliser would change the level across
# the loop and break its seam.
to_loudness() {
	local in=$1 out=$2 measured gain
	measured=$(ffmpeg -hide_banner -nostats -i "$in" -af "loudnorm=I=$LOUDNESS_LUFS:print_format=json" \
		-f null - 2>&1 | awk -F'"' '/"input_i"/ { print $4 }')
	gain=$(awk -v m="$measured" -v t="$LOUDNESS_LUFS" 'BEGIN { printf "%.2f", t - m }')
	"${SOX[@]}" "$in" "$out" gain "$gain"
}

mkdir -p static/audio
rm -f static/audio/bed-*.webm static/audio/bed-*.mp3
map=""
for bed in noise rain sea; do
	case $bed in
	noise) soft_noise "$work/$bed-long.wav" ;;
	rain) rain "$work/$bed-long.wav" ;;
	sea) sea "$work/$bed-long.wav" ;;
	esac
	seamless "$work/$bed-long.wav" "$work/$bed-loop.wav"
	if [ "$bed" = sea ]; then
		swell "$work/$bed-loop.wav" "$work/$bed-swell.wav"
		mv "$work/$bed-swell.wav" "$work/$bed-loop.wav"
	fi
	to_loudness "$work/$bed-loop.wav" "$work/$bed-level.wav"
	"${SOX[@]}" "$work/$bed-level.wav" "$work/$bed-head.wav" trim 0 "$HEAD_SEC"
	"${SOX[@]}" "$work/$bed-level.wav" "$work/$bed-head.wav" "$work/$bed.wav"

	hash=$(sha256sum "$work/$bed.wav" | cut -c1-10)
	# Bit-exact: no muxer ids or encoder dates, so a file made again is the same file.
	ffmpeg -hide_banner -loglevel error -i "$work/$bed.wav" -c:a libopus -b:a 28k -ac 1 \
		-fflags +bitexact -flags:a +bitexact -y "static/audio/bed-$bed-$hash.webm"
	ffmpeg -hide_banner -loglevel error -i "$work/$bed.wav" -c:a libmp3lame -b:a 32k -ac 1 \
		-fflags +bitexact -flags:a +bitexact -y "static/audio/bed-$bed-$hash.mp3"
	map+="$(printf '\t\t"%s": {\n\t\t\t"webm": "/audio/bed-%s-%s.webm",\n\t\t\t"mp3": "/audio/bed-%s-%s.mp3"\n\t\t},' \
		"$bed" "$bed" "$hash" "$bed" "$hash")"$'\n'
	echo "wrote static/audio/bed-$bed-$hash.webm ($(du -k "static/audio/bed-$bed-$hash.webm" | cut -f1) KiB) and .mp3 ($(du -k "static/audio/bed-$bed-$hash.mp3" | cut -f1) KiB)"
done

{
	echo '{'
	echo "	\"made\": \"sox, seamless over a ${CROSSFADE_SEC} s crossfade, ${LOUDNESS_LUFS} LUFS\","
	echo "	\"loopStartSec\": $LOOP_START_SEC,"
	echo "	\"loopSec\": $LOOP_SEC,"
	echo '	"files": {'
	printf '%s' "${map%,$'\n'}"
	echo
	echo '	}'
	echo '}'
} >src/lib/audio/sound-beds.json
echo "wrote src/lib/audio/sound-beds.json"
