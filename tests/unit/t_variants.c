/* t_variants.c - when two names are one character apart (the test a
 * part's other spellings among the brands pass, search/variants.h). */
#include "../../search/variants.h"
#include "tap.h"

int main(void)
{
    ok(variants_one_apart("千站千室万名委员", "千站万室万名委员"),
       "one character replaced");
    ok(variants_one_apart("百企联百村", "百企联百村庄"),
       "one added at the end");
    ok(variants_one_apart("百企联百村庄", "百企联百村"),
       "one dropped at the end");
    ok(variants_one_apart("百企百村", "百企联百村"), "one added inside");
    ok(variants_one_apart("x百企联百村", "百企联百村"), "one added in front");
    ok(!variants_one_apart("百企联百村", "百企联百村"), "equal is not apart");
    ok(!variants_one_apart("百家企业帮千村", "百企联百村"), "far apart");
    ok(!variants_one_apart("千站千室万名委员", "千站万室万民委员"),
       "two replaced");
    ok(!variants_one_apart("百企联百村", "百企百村庄"),
       "one dropped, one added");
    ok(!variants_one_apart("", "百企联百村"), "empty against a name");
    ok(variants_one_apart("", "百"), "empty against one character");
    return tap_done();
}
