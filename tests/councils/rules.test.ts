import { describe, expect, it } from "vitest";
import { effectiveStatus, isOverdue } from "../../server/councils/resolutions";
import { approvalPermille, publicGuestName } from "../../server/councils/rules";

describe("同意率", () => {
  it("is votes for ÷ votes cast in permille, abstentions counted as cast, null when nobody voted", () => {
    expect(approvalPermille({ for: 5, against: 1, abstain: 0 })).toBe(833);
    expect(approvalPermille({ for: 2, against: 3, abstain: 1 })).toBe(333);
    expect(approvalPermille({ for: 788, against: 212 })).toBe(788);
    expect(approvalPermille({ for: 0, against: 0, abstain: 0 })).toBeNull();
  });
});

describe("a guest's public name", () => {
  it("keeps organisations and descriptions, masks a person's name", () => {
    expect(publicGuestName("幸福物业公司 王建国")).toBe("幸福物业公司 王某");
    expect(publicGuestName("3号楼居民 李桂兰")).toBe("3号楼居民 李某");
    expect(publicGuestName("业委会")).toBe("业委会");
    expect(publicGuestName("欧阳娜娜")).toBe("欧阳某");
  });
});

describe("a resolution's status by the clock", () => {
  const noticeEndsAt = new Date("2026-12-08T00:00:00Z");
  it("is under implementation from the end of its notice period, without anyone acting", () => {
    expect(effectiveStatus({ status: "notice", noticeEndsAt }, new Date("2026-12-07T23:59:59Z"))).toBe("notice");
    expect(effectiveStatus({ status: "notice", noticeEndsAt }, noticeEndsAt)).toBe("implementing");
    expect(effectiveStatus({ status: "done", noticeEndsAt }, new Date("2027-01-01T00:00:00Z"))).toBe("done");
  });
  it("is overdue past its deadline until done", () => {
    const deadline = new Date("2026-12-31T15:59:59Z");
    expect(isOverdue({ status: "implementing", deadline }, new Date("2027-01-01T00:00:00Z"))).toBe(true);
    expect(isOverdue({ status: "done", deadline }, new Date("2027-01-01T00:00:00Z"))).toBe(false);
    expect(isOverdue({ status: "implementing", deadline }, new Date("2026-12-31T00:00:00Z"))).toBe(false);
  });
});
