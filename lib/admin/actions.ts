'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { requireRole } from '@/lib/auth/current-user'
import { AdminError, setUserDisabled, setUserRole } from '@/lib/data/admin'

async function adminAction(run: (viewer: Awaited<ReturnType<typeof requireRole>>) => Promise<void>) {
  const viewer = await requireRole('ADMIN', '/admin')
  try {
    await run(viewer)
  } catch (error) {
    if (error instanceof AdminError) redirect(`/admin?problem=${encodeURIComponent(error.message)}`)
    throw error
  }
  revalidatePath('/admin')
}

export async function setRoleAction(formData: FormData): Promise<void> {
  await adminAction((viewer) => setUserRole(viewer, String(formData.get('userId') ?? ''), String(formData.get('role') ?? '')))
}

export async function setDisabledAction(formData: FormData): Promise<void> {
  await adminAction((viewer) => setUserDisabled(viewer, String(formData.get('userId') ?? ''), formData.get('disabled') === 'true'))
}
