/* t_synonyms.c - a practice's other words: both ways within a group of
 * the same activity, one way from a plain word to the practice, never
 * the word itself, and only for a whole part. */
#include <stdio.h>
#include <string.h>

#include "../../search/synonyms.h"
#include "tap.h"

/* The other words of norm, space-joined. */
static void others(const char *norm, char *out, size_t size)
{
    const char *words[SYNONYMS_MAX];
    size_t n = synonyms_of(norm, words), i;

    out[0] = '\0';
    for (i = 0; i < n; i++)
        snprintf(out + strlen(out), size - strlen(out), "%s%s", i ? " " : "",
                 words[i]);
}

int main(void)
{
    static const struct {
        const char *norm, *want, *what;
    } cases[] = {
        {"义诊", "巡诊 送医送药 健康咨询", "a practice: its group, not itself"},
        {"巡诊", "义诊 送医送药 健康咨询", "any word of the group widens"},
        {"看病", "义诊 巡诊 送医送药",
         "a plain word: the practice it asks for"},
        {"挂牌", "揭牌 授牌", "another group"},
        {"看病难", "", "a topic containing a word: nothing"},
        {"委员工作室", "", "a platform: nothing (other rules widen it)"},
        {"", "", "empty: nothing"},
    };
    char got[256];
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        others(cases[i].norm, got, sizeof(got));
        ok(strcmp(got, cases[i].want) == 0, "%s (%s: '%s')", cases[i].what,
           cases[i].norm, got);
    }
    /* one way: the practice does not widen back to the plain word */
    others("义诊", got, sizeof(got));
    ok(strstr(got, "看病") == NULL, "义诊 does not widen to 看病");
    return tap_done();
}
