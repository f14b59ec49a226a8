# crm -V and crm NAME -V name the program and the same version.
crm -V | sed 's/[0-9][0-9.]*$/N/'
crm clean -V | sed 's/[0-9][0-9.]*$/N/'
