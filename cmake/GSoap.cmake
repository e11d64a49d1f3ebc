# SPDX-License-Identifier: GPL-2.0-or-later
# md_gsoap_service(NAME IDL STRICT): run soapcpp2 on IDL into build/gen/NAME and
# build the server-side dispatcher (with its serializers made static, so
# several services link into one program) as an OBJECT library gsoap_NAME.
# The generated code is compiled without our warning flags; it never lands
# in the source tree.
function(md_gsoap_service name idl strict)
  set(out ${CMAKE_BINARY_DIR}/gen/${name})
  set(outputs ${out}/${name}ServerLib.c ${out}/${name}H.h ${out}/${name}Stub.h)
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND sh ${CMAKE_SOURCE_DIR}/cmake/soapcpp2.sh ${SOAPCPP2} ${out} ${name} ${idl} ${strict}
    DEPENDS ${idl} ${CMAKE_SOURCE_DIR}/cmake/soapcpp2.sh
    COMMENT "soapcpp2 ${name}"
    VERBATIM)
  add_library(gsoap_${name} OBJECT ${out}/${name}ServerLib.c)
  target_include_directories(gsoap_${name} SYSTEM PUBLIC ${out})
  target_compile_options(gsoap_${name} PRIVATE -w)
  target_link_libraries(gsoap_${name} PUBLIC PkgConfig::GSOAP)
endfunction()

# md_gsoap_env(IDL): the shared SOAP Header/Fault serializers (envC.c) as an
# OBJECT library gsoap_env.
function(md_gsoap_env idl)
  set(out ${CMAKE_BINARY_DIR}/gen/env)
  add_custom_command(
    OUTPUT ${out}/envC.c ${out}/envH.h
    COMMAND sh ${CMAKE_SOURCE_DIR}/cmake/soapcpp2.sh ${SOAPCPP2} ${out} env ${idl} 0 plain
    DEPENDS ${idl} ${CMAKE_SOURCE_DIR}/cmake/soapcpp2.sh
    COMMENT "soapcpp2 env"
    VERBATIM)
  add_library(gsoap_env OBJECT ${out}/envC.c)
  target_include_directories(gsoap_env SYSTEM PRIVATE ${out})
  target_compile_options(gsoap_env PRIVATE -w)
  target_link_libraries(gsoap_env PUBLIC PkgConfig::GSOAP)
endfunction()
