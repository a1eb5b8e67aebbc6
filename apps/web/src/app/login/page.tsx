import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Brand } from '~/components/brand';
import { getSessionUser } from '~/server/session';
import { LoginForm } from './_components/login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage() {
  if (await getSessionUser()) redirect('/');
  return (
    <main className="auth-shell">
      <div className="card auth-card">
        <Brand />
        <h1>Sign in</h1>
        <p className="muted small">Use the console account your administrator gave you.</p>
        <LoginForm />
      </div>
    </main>
  );
}
