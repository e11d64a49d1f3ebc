# SPDX-License-Identifier: GPL-2.0-or-later
# md_embed(OUT SYMBOL FILES): write a C file defining
#   const struct md_embedded SYMBOL[] = {{"basename", data, len}, ..., {0}};
# so the daemon carries its migrations and WSDL templates inside the binary.
function(md_embed out symbol files)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DSYMBOL=${symbol} "-DFILES=${files}"
            -P ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    COMMENT "embedding ${symbol}"
    VERBATIM)
endfunction()
