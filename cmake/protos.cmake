# Generates protobuf-c C sources from proto/ at build time.
# Each proto3 `optional T x = N;` is rewritten into `oneof _x { T x = N; }` (same wire format)
# because protoc-c 1.4 refuses proto3 optional. Output goes to ${EMBER_GEN_DIR}.

find_program(PROTOC protoc REQUIRED)
find_program(PROTOC_C protoc-c REQUIRED)

set(EMBER_PROTO_SRC_DIR ${CMAKE_SOURCE_DIR}/proto)
set(EMBER_GEN_DIR ${CMAKE_BINARY_DIR}/gen)
set(EMBER_PROTO_REWRITE_DIR ${CMAKE_BINARY_DIR}/gen-proto)

set(EMBER_PROTOS
    spark/connect/base.proto
    spark/connect/relations.proto
    spark/connect/expressions.proto
    spark/connect/commands.proto
    spark/connect/catalog.proto
    spark/connect/types.proto
    spark/connect/common.proto
    spark/connect/ml.proto
    spark/connect/ml_common.proto
    spark/connect/pipelines.proto
    google/rpc/status.proto
    google/rpc/error_details.proto)
set(EMBER_WKT_PROTOS google/protobuf/any.proto google/protobuf/timestamp.proto
    google/protobuf/duration.proto)

set(EMBER_PROTO_C_SRCS)
set(EMBER_PROTO_REWRITTEN)
foreach(p ${EMBER_PROTOS})
  set(out ${EMBER_PROTO_REWRITE_DIR}/${p})
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${EMBER_PROTO_REWRITE_DIR}/spark/connect
            ${EMBER_PROTO_REWRITE_DIR}/google/rpc
    COMMAND sed -E
            "s/(^|[{;])([[:space:]]*)optional[[:space:]]+([A-Za-z0-9_.]+)[[:space:]]+([A-Za-z0-9_]+)[[:space:]]*=[[:space:]]*([0-9]+)([^;]*);/\\1\\2oneof _\\4 { \\3 \\4 = \\5\\6; }/g"
            ${EMBER_PROTO_SRC_DIR}/${p} > ${out}
    DEPENDS ${EMBER_PROTO_SRC_DIR}/${p}
    VERBATIM)
  list(APPEND EMBER_PROTO_REWRITTEN ${out})
  string(REGEX REPLACE "\\.proto$" ".pb-c.c" c ${p})
  list(APPEND EMBER_PROTO_C_SRCS ${EMBER_GEN_DIR}/${c})
endforeach()
foreach(p ${EMBER_WKT_PROTOS})
  string(REGEX REPLACE "\\.proto$" ".pb-c.c" c ${p})
  list(APPEND EMBER_PROTO_C_SRCS ${EMBER_GEN_DIR}/${c})
endforeach()

execute_process(COMMAND pkg-config --variable=includedir protobuf
                OUTPUT_VARIABLE PROTOBUF_INCLUDEDIR OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT PROTOBUF_INCLUDEDIR)
  set(PROTOBUF_INCLUDEDIR /usr/include)
endif()

add_custom_command(
  OUTPUT ${EMBER_PROTO_C_SRCS}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${EMBER_GEN_DIR}
  COMMAND ${PROTOC_C} -I${EMBER_PROTO_REWRITE_DIR} -I${PROTOBUF_INCLUDEDIR}
          --c_out=${EMBER_GEN_DIR} ${EMBER_PROTOS} ${EMBER_WKT_PROTOS}
  DEPENDS ${EMBER_PROTO_REWRITTEN}
  WORKING_DIRECTORY ${EMBER_PROTO_REWRITE_DIR}
  VERBATIM)

add_library(ember_proto STATIC ${EMBER_PROTO_C_SRCS})
target_include_directories(ember_proto PUBLIC ${EMBER_GEN_DIR})
target_compile_options(ember_proto PRIVATE -Wno-missing-braces -Wno-unused-parameter)
target_link_libraries(ember_proto PUBLIC PkgConfig::PROTOBUFC)
