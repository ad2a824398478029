import type { Metadata } from "next";
import Link from "next/link";
import { NotAnInstructor, requireInstructor } from "~/components/instructor/guard";
import { PageHeader } from "~/components/instructor/page-header";
import { ServicesManager } from "~/components/instructor/services-manager";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Your services" };

export default async function InstructorServicesPage() {
  const me = await requireInstructor("/instructor/services");
  if (!me) return <NotAnInstructor />;
  const p = await (await serverApi()).instructor.myProfile();
  const none = !p.offersTravel && !p.offersAtLocation && !p.offersOnline;
  return (
    <>
      <PageHeader
        title="Services"
        description="What you teach, for how much, and where. Each subject is one service."
      />
      {none && (
        <p className="mt-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          Choose where you teach (travel, your place or online) in{" "}
          <Link href="/instructor/profile#about-title" className="font-semibold underline">
            your profile
          </Link>{" "}
          before adding a service.
        </p>
      )}
      <div className="mt-6">
        <ServicesManager
          caps={{ offersTravel: p.offersTravel, offersAtLocation: p.offersAtLocation, offersOnline: p.offersOnline }}
        />
      </div>
    </>
  );
}
