# ask on a terminal is a chat: script(1) gives it a pseudo-terminal;
# each line gets its answer (or the fallback's message), an empty line
# is skipped, and a prompt is drawn on standard error before each line.
command -v script >/dev/null 2>&1 || { echo "script(1) is not installed"; exit 77; }
crm-answer index -q -m "$WORK/m" bilingual.csv || exit 1
printf 'where is my parcel\n\n尺码怎么选\nhello\n' |
    script -qec "crm-answer ask -m '$WORK/m'" /dev/null | tr -d '\r' > "$WORK/out"
grep -c 'Use the tracking link in your e-mail.$' "$WORK/out"
grep -c '请参考商品页面的尺码表。$' "$WORK/out"
grep -c 'no answer found: a person will reply' "$WORK/out"
grep -o '> ' "$WORK/out" | wc -l
