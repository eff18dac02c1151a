import { eq } from "drizzle-orm";
import type { Services } from "../../server/services";
import type { Db } from "../connection";
import { followUps, hearingParties, users } from "../schema";
import { principalFor } from "./principals";

/**
 * The portal's demo (issue 17): comments on the published ruling and resolutions — shown with a
 * staff answer, shown, hidden with a reason, waiting for review — and satisfaction ratings, so that
 * the comments, the moderation queue and the statistics are not empty on a fresh start.
 * Comments go through the portal's service (its checks, its rate limit per demo "client").
 */
export function seedDemoPortal(db: Db, services: Services) {
  const { comments, publications } = services.portal;
  const mediator = principalFor(db, "mediator");
  const all = publications.list({ page: 1 }, 50).items;
  const ruling = all.find((p) => p.kind === "ruling");
  const resolutionsInNotice = all.filter((p) => p.kind === "resolution" && comments.forPage("resolution", p.id).open);

  const post = (kind: "ruling" | "resolution", id: number, body: string, authorName: string | undefined, client: string) =>
    comments.submit({ kind, id, body, authorName }, `seed:${client}`).id;

  if (ruling) {
    const a = post("ruling", ruling.id, "评理过程公开透明，双方各担一半比较公道。希望楼上尽快把防水做好。", "3号楼居民", "a");
    comments.moderate(mediator, { decision: "approve", commentId: a });
    comments.moderate(mediator, { decision: "reply", commentId: a, reply: "谢谢关注。网格员已约定下周二上门查看防水施工进度。" });
    const b = post("ruling", ruling.id, "建议以后漏水纠纷先请物业出具检测报告，可以少走弯路。", undefined, "b");
    comments.moderate(mediator, { decision: "approve", commentId: b });
    const c = post("ruling", ruling.id, "502 的王某某家里早就该修了，电话 13800001111 大家都可以打去问。", undefined, "c");
    comments.moderate(mediator, { decision: "hide", commentId: c, reason: "含有他人姓名和电话" });
    post("ruling", ruling.id, "评理团成员是怎么选出来的？能不能在公告栏贴出说明？", "老党员", "d");

    // The parties' follow-up ratings of the ruling (回访评价).
    for (const [i, party] of db.select().from(hearingParties).where(eq(hearingParties.hearingId, ruling.id)).all().entries())
      db.insert(followUps)
        .values({ subject: "hearing", subjectId: ruling.id, rater: `party:${party.id}`, rating: i === 0 ? "satisfied" : "basically", createdAt: services.clock.now() })
        .run();
  }

  for (const r of resolutionsInNotice) {
    const id = post("resolution", r.id, "支持引入物业，希望试用期满后公布居民满意度调查结果。", "2号院业主", `r${r.id}`);
    comments.moderate(mediator, { decision: "approve", commentId: id });
  }

  // Residents' ratings of the resolutions (representatives of the community).
  const reps = db.select({ id: users.id }).from(users).all().slice(5, 17);
  const ratings = ["satisfied", "satisfied", "basically", "satisfied", "unsatisfied", "basically"] as const;
  for (const r of all.filter((p) => p.kind === "resolution"))
    reps.forEach((u, i) =>
      db.insert(followUps)
        .values({ subject: "resolution", subjectId: r.id, rater: `user:${u.id}`, rating: ratings[(i + r.id) % ratings.length], createdAt: services.clock.now() })
        .onConflictDoNothing()
        .run(),
    );
}
