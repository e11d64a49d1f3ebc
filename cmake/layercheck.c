/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Linked with one layer's every object and the layers below it (see
 * md_layer_check in CMakeLists.txt): it links only if the layer calls
 * nothing above itself. */
int main(void);
int main(void)
{
    return 0;
}
