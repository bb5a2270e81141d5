/* arrow_test: the runner; the cases live in the other files of this folder. */
#include "em_test.h"

int main(int argc, char **argv)
{
    return em_test_main(argc, argv);
}
