<?php
/**
 * Signs the wiki's users in as the front door proved them. The front door's guard, in this container, forwards a
 * request to the wiki only with a valid proof of the front door (app-common's FrontDoorTrust) and then sets
 * X-Auth-Request-User to the proven user, after dropping any copy the client sent in any spelling; nothing else
 * reaches the wiki's loopback port. So that header is believed here, and only here: the wiki's own sign-in is
 * not used (this provider cannot change the user, so Special:UserLogin and logout do nothing: signing in and out
 * happen at the front door).
 *
 * A user the wiki does not know yet gets an account on first sight (MediaWiki's autocreation, which Setup.php runs
 * for a session naming an unknown user; '*' needs the right autocreateaccount). MediaWiki writes a user name with
 * its first letter in capitals: the front door's "alice" is the wiki's "Alice". A name the wiki cannot create
 * (one with @ : > =, an IP address) gets no session from here: the request is anonymous, and anonymous users
 * may not edit (the image's settings).
 *
 * The session is kept in a cookie named after the user (a hash of the name), so a browser signed in as another
 * user at the front door starts a session of its own rather than finding the previous user's.
 */

use MediaWiki\MediaWikiServices;
use MediaWiki\Session\SessionBackend;
use MediaWiki\Session\SessionInfo;
use MediaWiki\Session\SessionManager;
use MediaWiki\Session\SessionProvider;
use MediaWiki\Session\UserInfo;
use MediaWiki\User\UserNameUtils;

class FrontDoorSessionProvider extends SessionProvider {
	/** The header the guard sets to the proven user (app-common's FrontDoorIdentity.USER_HEADER). */
	private const USER_HEADER = 'X-Auth-Request-User';
	private const COOKIE = 'FrontDoorSession';

	public function provideSessionInfo( WebRequest $request ) {
		$user = $this->provenUser( $request );
		if ( $user === null ) {
			return null;
		}
		$info = [ 'provider' => $this, 'userInfo' => UserInfo::newFromName( $user, true ) ];
		$id = $request->getCookie( $this->cookieName( $user ) );
		if ( SessionManager::validateSessionId( $id ) ) {
			$info['id'] = $id;
			$info['persisted'] = true;
		}
		return new SessionInfo( SessionInfo::MAX_PRIORITY, $info );
	}

	public function persistsSessionId() {
		return true;
	}

	public function canChangeUser() {
		return false;
	}

	public function persistSession( SessionBackend $session, WebRequest $request ) {
		$response = $request->response();
		if ( !$response->headersSent() ) {
			$response->setCookie( $this->cookieName( $session->getUser()->getName() ), $session->getId(), 0 );
		}
	}

	public function unpersistSession( WebRequest $request ) {
		$user = $this->provenUser( $request );
		if ( $user !== null && !$request->response()->headersSent() ) {
			$request->response()->clearCookie( $this->cookieName( $user ) );
		}
	}

	public function getVaryHeaders() {
		return [ self::USER_HEADER => null ];
	}

	/** The wiki's name of the user the guard proved, or null when it names nobody the wiki can sign in. */
	private function provenUser( WebRequest $request ): ?string {
		$header = $request->getHeader( self::USER_HEADER );
		if ( $header === false || trim( $header ) === '' ) {
			return null;
		}
		$name = MediaWikiServices::getInstance()->getUserNameUtils()
			->getCanonical( trim( $header ), UserNameUtils::RIGOR_CREATABLE );
		if ( $name === false ) {
			$this->logger->warning( 'the front door proved a user the wiki cannot name: {user}', [ 'user' => $header ] );
			return null;
		}
		return $name;
	}

	private function cookieName( string $user ): string {
		return self::COOKIE . substr( hash( 'sha256', $user ), 0, 16 );
	}
}
