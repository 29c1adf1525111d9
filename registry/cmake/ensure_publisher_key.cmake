# cmake -DTOOL=<gateos-registry> -DKEY_DIR=<dir> -P ensure_publisher_key.cmake
# Generates the local build's publisher key once; an existing key is kept.
if(EXISTS ${KEY_DIR}/publisher.key AND EXISTS ${KEY_DIR}/publisher.pub)
  return()
endif()
cmake_host_system_information(RESULT _host QUERY HOSTNAME)
execute_process(COMMAND ${TOOL} keygen --out ${KEY_DIR} --name "GateOS local build (${_host})"
                RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "gateos-registry keygen failed (${_rc})")
endif()
