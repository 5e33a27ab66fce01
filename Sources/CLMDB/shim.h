// LMDB for Swift. Every function and MDB_* constant imports as is (see shared notes §5); this
// header only exists so the system-library module has one place to include from.
#ifndef CERTD_CLMDB_SHIM_H
#define CERTD_CLMDB_SHIM_H
#include <lmdb.h>
#endif
