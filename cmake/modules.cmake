# ember_module(NAME [DEPS...]): a static library em_NAME from src/NAME/*.c that links the
# em_DEP libraries that exist. Include paths: src/ and include/ (headers as "module/file.h").
function(ember_module name)
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/${name}/*.c)
  if(NOT srcs)
    return()
  endif()
  add_library(em_${name} STATIC ${srcs})
  target_include_directories(em_${name} PUBLIC ${CMAKE_SOURCE_DIR}/src ${CMAKE_SOURCE_DIR}/include)
  foreach(dep ${ARGN})
    if(TARGET em_${dep})
      target_link_libraries(em_${name} PUBLIC em_${dep})
    endif()
  endforeach()
  # Modules may include generated protobuf-c headers only where they link ember_proto.
endfunction()
