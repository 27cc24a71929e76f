# ensurepip
