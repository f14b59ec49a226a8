# NPS from integer counts: 62 promoters, 38 passives, 50 detractors of
# 150 answers is exactly 8, and 31/25/44 of 100 is -13, printed as
# integers (no 8.000000000000002).
{ echo score; i=0; while [ $i -lt 62 ]; do echo 9; i=$((i+1)); done
  i=0; while [ $i -lt 38 ]; do echo 7; i=$((i+1)); done
  i=0; while [ $i -lt 50 ]; do echo 2; i=$((i+1)); done; } | crm-metrics nps
{ echo score; i=0; while [ $i -lt 31 ]; do echo 10; i=$((i+1)); done
  i=0; while [ $i -lt 25 ]; do echo 8; i=$((i+1)); done
  i=0; while [ $i -lt 44 ]; do echo 5; i=$((i+1)); done; } | crm-metrics nps
