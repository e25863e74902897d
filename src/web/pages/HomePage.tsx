/** The public front page: what Redress is here, and the way in for staff. */
import { Layout, type PageContext } from '../components/Layout.tsx';

export function HomePage(props: { context: PageContext; networkName: string | undefined; setUp: boolean }) {
  const { t } = props.context;
  return (
    <Layout context={props.context} title={props.networkName ?? t('home.untitled')}>
      {props.setUp ? (
        <>
          <p>{t('home.intro')}</p>
          <p>
            <a href="/sign-in">{t('home.staffSignIn')}</a>
          </p>
        </>
      ) : (
        <p>{t('home.notSetUp')}</p>
      )}
    </Layout>
  );
}
