# apply of a model fitted with --impute mean and a --log column: the
# blanks of new rows take the saved means, the log column its log1p, so
# that apply on the fitted rows gives the fit's bytes; the model keeps
# the choices (feat.fill mean, feat.log per column).
crm-segment kmeans -q -k 2 --impute mean --log x -m "$WORK/m.model" \
    kmeans-impute.in.csv > "$WORK/fit.csv"
crm-segment apply -m "$WORK/m.model" kmeans-impute.in.csv |
    cmp -s - "$WORK/fit.csv" && echo "apply = fit"
grep -E '^feat\.(fill|log|missing) ' "$WORK/m.model"
