crm-clean --gzip --upper name small.csv.gz | gzip -dc
crm-clean -o "$WORK/o.csv.gz" small.csv.gz && gzip -dc "$WORK/o.csv.gz"
