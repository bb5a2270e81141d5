# catalog/ keeps its metastore in SQLite (libsqlite3-dev). Included from the top-level
# CMakeLists.txt after the modules are declared.
if(TARGET em_catalog)
  pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
  target_link_libraries(em_catalog PUBLIC PkgConfig::SQLITE3)
endif()
