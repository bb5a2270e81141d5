# libember as users get it: libember.so and libember.a (the client plus the modules it uses:
# wire, arrow, vector, types, common and the generated protobuf-c code), include/ember.h, and a
# pkg-config file `ember`. Include from the top-level CMakeLists.txt after the modules:
#     include(src/client/client.cmake)
# `cmake --install <build> --prefix P` (make install PREFIX=P) installs
#     P/include/ember.h, P/lib/libember.so*, P/lib/libember.a, P/lib/pkgconfig/ember.pc
# The shared library exports the ember_* symbols only (libember.map).
if(TARGET em_client)
  set(EMBER_LIB_VERSION 0.1.0)
  file(GLOB EMBER_LIB_SRCS CONFIGURE_DEPENDS
       ${CMAKE_SOURCE_DIR}/src/client/*.c ${CMAKE_SOURCE_DIR}/src/wire/*.c
       ${CMAKE_SOURCE_DIR}/src/arrow/*.c ${CMAKE_SOURCE_DIR}/src/vector/*.c
       ${CMAKE_SOURCE_DIR}/src/types/*.c ${CMAKE_SOURCE_DIR}/src/common/*.c)
  set(EMBER_LIB_DEPS PkgConfig::GRPC PkgConfig::PROTOBUFC PkgConfig::ZSTD PkgConfig::LZ4
      Threads::Threads m)

  add_library(ember_shared SHARED ${EMBER_LIB_SRCS} ${EMBER_PROTO_C_SRCS})
  add_library(ember_static STATIC ${EMBER_LIB_SRCS} ${EMBER_PROTO_C_SRCS})
  foreach(t ember_shared ember_static)
    target_include_directories(${t} PUBLIC ${CMAKE_SOURCE_DIR}/src ${CMAKE_SOURCE_DIR}/include
                                           ${EMBER_GEN_DIR})
    target_link_libraries(${t} PUBLIC ${EMBER_LIB_DEPS})
    set_source_files_properties(${EMBER_PROTO_C_SRCS} TARGET_DIRECTORY ${t} PROPERTIES
                                COMPILE_OPTIONS "-Wno-missing-braces;-Wno-unused-parameter")
    set_target_properties(${t} PROPERTIES OUTPUT_NAME ember)
  endforeach()
  set_target_properties(ember_shared PROPERTIES
    VERSION ${EMBER_LIB_VERSION} SOVERSION 0
    LINK_DEPENDS ${CMAKE_SOURCE_DIR}/src/client/libember.map)
  target_link_options(ember_shared PRIVATE
    -Wl,--version-script=${CMAKE_SOURCE_DIR}/src/client/libember.map)
  if(NOT EMBER_FUZZ) # clang's sanitizer runtimes are not linked into shared libraries
    target_link_options(ember_shared PRIVATE -Wl,--no-undefined)
  endif()

  configure_file(${CMAKE_SOURCE_DIR}/src/client/ember.pc.in ${CMAKE_BINARY_DIR}/ember.pc @ONLY)
  install(TARGETS ember_shared ember_static
          LIBRARY DESTINATION lib ARCHIVE DESTINATION lib)
  install(FILES ${CMAKE_SOURCE_DIR}/include/ember.h DESTINATION include)
  install(FILES ${CMAKE_BINARY_DIR}/ember.pc DESTINATION lib/pkgconfig)
endif()
